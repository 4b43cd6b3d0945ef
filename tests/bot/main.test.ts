/**
 * The real entry point (`npm start` = tsx src/main.ts) as a process: it builds the index,
 * answers through the emulator, and stops cleanly on SIGTERM; without a token and without
 * a terminal it exits with instructions.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botMessages, startEmulator, waitFor } from '../helpers/emulator.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [TSX, join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    // No .env from the developer's checkout: the test sets everything itself.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SEEDS_DIR: SEEDS_DIR,
      DOTENV_CONFIG_PATH: '/nonexistent/.env',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

describe('npm start (src/main.ts)', () => {
  it('without a token and without a terminal, builds the index, exits 1 and says how to get a token', async () => {
    const dataDir = tmp('fzzs-main-');
    const p = start({ DATA_DIR: dataDir });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/Index ready in [\s\S]*TELEGRAM_BOT_TOKEN is not set[\s\S]*@BotFather/);
    expect(existsSync(join(dataDir, 'CURRENT'))).toBe(true);
  });

  it('rejects invalid configuration with the variable to fix', async () => {
    const p = start({ TELEGRAM_BOT_TOKEN: 'x', LLM_PROVIDER: 'openai' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/LLM_BASE_URL: is required/);
  });

  it('builds the index, answers, never logs the token, and stops on SIGTERM', async () => {
    const server = await startEmulator();
    const token = '555555:MAIN-token-abcdefghijklmnopq';
    const p = start({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: server.config.apiURL,
      DATA_DIR: tmp('fzzs-main-'),
      LOG_LEVEL: 'info',
    });
    try {
      await waitFor(() => p.output().includes('bot started'), 30_000, 'bot start');
      const client = server.getClient(token, { userId: 31, chatId: 31 });
      await client.sendMessage(client.makeMessage('什么是杀猪盘？'));
      const [m] = await waitFor(() => botMessages(server, 31).length >= 1 && botMessages(server, 31), 15_000, 'answer');
      expect(m.text).toContain('杀猪盘');
      const t0 = Date.now();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(9000);
      expect(p.output()).toContain('index ready');
      expect(p.output()).not.toContain(token);
    } finally {
      p.child.kill('SIGKILL');
      await server.stop();
    }
  });
});
