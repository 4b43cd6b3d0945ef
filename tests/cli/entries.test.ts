/**
 * Every command-line entry as a process: `--help`, an unknown option, invalid settings,
 * and `ingest --force` really re-embedding.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const ENTRIES = ['ingest', 'ask', 'chat', 'eval'];

async function run(entry: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await promisify(execFile)(process.execPath, [TSX, join(ROOT, 'src', 'cli', `${entry}.ts`), ...args], {
      cwd: ROOT,
      // No .env from the developer's checkout: each test sets what it needs.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
        SEEDS_DIR,
        ...env,
      },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.concurrent('command-line entries', () => {
  it.each(ENTRIES)('%s --help prints its usage and exits 0', async (entry) => {
    const r = await run(entry, ['--help'], { LLM_PROVIDER: 'openai' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: npm run ${entry}`);
    expect(r.stdout).toContain('--help');
    expect(r.stderr).toBe('');
  });

  it.each(ENTRIES)('%s with an unknown option prints the usage and exits 2', async (entry) => {
    const r = await run(entry, ['--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-such-option');
    expect(r.stderr).toContain(`Usage: npm run ${entry}`);
  });

  it.each(ENTRIES)('%s with invalid settings prints one line naming the variable, no stack, exit 1', async (entry) => {
    const r = await run(entry, entry === 'ask' ? ['什么是杀猪盘'] : [], {
      LLM_PROVIDER: 'openai',
      DATA_DIR: join(tmp(), 'index'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('LLM_BASE_URL');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ask without a question prints the usage and exits 2', async () => {
    const r = await run('ask', []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no question given');
  });

  it('ingest --force re-embeds every passage', async () => {
    const out = join(tmp(), 'index');
    const first = await run('ingest', ['--out', out, '--quiet']);
    expect(first.code).toBe(0);
    const unchanged = await run('ingest', ['--out', out, '--quiet']);
    expect(unchanged.stdout).toContain('up to date');
    const forced = await run('ingest', ['--out', out, '--quiet', '--force']);
    expect(forced.code).toBe(0);
    const m = /: (\d+) passages \((\d+) embedded, (\d+) reused\)/.exec(forced.stdout);
    expect(m, forced.stdout).not.toBeNull();
    expect(Number(m![2])).toBe(Number(m![1]));
    expect(Number(m![3])).toBe(0);
  });
});
