import { describe, expect, it } from 'vitest';
import { type CliIo, runCliWith, UsageError, usage } from '../../src/cli/run.js';
import { ConfigError } from '../../src/config.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  return { io: x, out: () => out.join(''), err: () => err.join('') };
}

const spec = (main: (a: any) => any = () => 0) => ({
  name: 'demo',
  summary: 'Does a demo.',
  args: '[WORDS]',
  options: {
    out: { type: 'string' as const, valueName: 'DIR', description: 'where to write' },
    force: { type: 'boolean' as const, short: 'f', description: 'do it again' },
  },
  main,
});

describe('runCliWith', () => {
  it('--help prints the usage with every option and exits 0 without running main', async () => {
    let ran = false;
    const o = io();
    expect(
      await runCliWith(
        spec(() => (ran = true)),
        ['--help'],
        o.io,
      ),
    ).toBe(0);
    expect(ran).toBe(false);
    expect(o.out()).toContain('Usage: npm run demo -- [options] [WORDS]');
    expect(o.out()).toMatch(/--out DIR\s+where to write/);
    expect(o.out()).toMatch(/-f, --force\s+do it again/);
    expect(o.out()).toMatch(/-h, --help/);
  });

  it('passes typed values and positionals to main and returns its code', async () => {
    let got: unknown;
    const main = (a: unknown) => {
      got = a;
      return 3;
    };
    const code = await runCliWith(spec(main), ['-f', '--out', 'x', 'a', 'b'], io().io);
    expect(code).toBe(3);
    expect(got).toEqual({ values: { force: true, out: 'x' }, positionals: ['a', 'b'] });
  });

  it('an unknown option or a missing value prints the problem and the usage, exit 2', async () => {
    for (const argv of [['--nope'], ['--out']]) {
      const o = io();
      expect(await runCliWith(spec(), argv, o.io)).toBe(2);
      expect(o.err()).toMatch(/^npm run demo: .*(nope|out)/);
      expect(o.err()).toContain('Usage: npm run demo');
    }
    const o = io();
    expect(await runCliWith({ ...spec(), args: undefined }, ['stray'], o.io)).toBe(2);
    expect(o.err()).toContain('stray');
  });

  it('a UsageError from main is a usage problem, exit 2', async () => {
    const o = io();
    expect(
      await runCliWith(
        spec(() => {
          throw new UsageError('no question given');
        }),
        [],
        o.io,
      ),
    ).toBe(2);
    expect(o.err()).toContain('npm run demo: no question given');
  });

  it('a configuration error is one line naming the variable, exit 1', async () => {
    const o = io();
    const main = () => {
      throw new ConfigError(
        'Invalid configuration (see .env.example):\n  LLM_BASE_URL: is required\n  PORT: must be a number',
      );
    };
    expect(await runCliWith(spec(main), [], o.io)).toBe(1);
    expect(o.err()).toBe(
      'Invalid configuration (see .env.example): LLM_BASE_URL: is required; PORT: must be a number\n',
    );
  });

  it('other failures print the message and causes, the stack only at debug level', async () => {
    const main = () => {
      throw new Error('index failed', { cause: new Error('EACCES: permission denied') });
    };
    const quiet = io();
    expect(await runCliWith(spec(main), [], quiet.io)).toBe(1);
    expect(quiet.err()).toBe('demo failed: index failed: EACCES: permission denied\n');
    const debug = io({ LOG_LEVEL: 'debug' });
    await runCliWith(spec(main), [], debug.io);
    expect(debug.err()).toContain('    at ');
  });

  it('usage lists defaults', () => {
    expect(usage({ ...spec(), options: { n: { type: 'string', description: 'count', default: '5' } } })).toContain(
      'count (default: 5)',
    );
  });
});
