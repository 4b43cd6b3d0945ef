/**
 * The one runner of every command-line entry (`npm run ingest`, `ask`, `chat`, `eval`, …),
 * so they all behave alike:
 * - `--help` / `-h` prints the usage (generated from the options) and exits 0;
 * - an unknown option, a missing option value or a stray argument prints the problem and
 *   the usage, exit 2 (as does a {@link UsageError} thrown by `main`);
 * - invalid configuration prints one line naming the variable, exit 1;
 * - any other failure prints `<name> failed: <message>` (with its causes), exit 1; the stack
 *   trace only with LOG_LEVEL=debug or trace.
 *
 * An entry is a file calling {@link runCli}:
 * ```ts
 * await runCli({
 *   name: 'check',
 *   summary: 'Checks a received message for signs of fraud.',
 *   args: '[MESSAGE]',
 *   options: { json: { type: 'boolean', description: 'print one JSON object' } },
 *   main: async ({ values, positionals }) => { …; return 0; },
 * });
 * ```
 */
import '../load-env.js';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';

/** One command-line option. */
export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  /** What it does, for the usage text. */
  description: string;
  /** Placeholder of a string option's value in the usage text, e.g. DIR. */
  valueName?: string;
  default?: string | boolean;
}

/** The parsed values of options `O`: booleans and strings, undefined when absent without default. */
export type CliValues<O extends Record<string, CliOption>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean | undefined : string | undefined;
};

/** A command-line entry. */
export interface CliSpec<O extends Record<string, CliOption>> {
  /** The npm script name, e.g. 'ingest' (shown as `npm run ingest`). */
  name: string;
  /** One or two sentences saying what the command does. */
  summary: string;
  /** Positional arguments in the usage line, e.g. '[QUESTION]'; omit when none are accepted. */
  args?: string;
  options?: O;
  /** Extra lines after the options (examples, environment variables read). */
  notes?: string;
  /** The command; returns the exit code (default 0). */
  main: (args: { values: CliValues<O>; positionals: string[] }) => Promise<number | undefined> | number | undefined;
}

/** Thrown by a command's `main` for wrong usage: the message and the usage are printed, exit 2. */
export class UsageError extends Error {}

/** Where the runner writes, and the environment it reads LOG_LEVEL from (tests pass their own). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** The usage text of a command. */
export function usage<O extends Record<string, CliOption>>(spec: CliSpec<O>): string {
  const options: [string, CliOption][] = [
    ...Object.entries(spec.options ?? {}),
    ['help', { type: 'boolean', short: 'h', description: 'show this help' }],
  ];
  const left = options.map(
    ([name, o]) =>
      `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`,
  );
  const width = Math.max(...left.map((l) => l.length));
  const lines = [
    `Usage: npm run ${spec.name} -- [options]${spec.args ? ` ${spec.args}` : ''}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...options.map(([, o], i) => {
      const def = o.default !== undefined && o.default !== false ? ` (default: ${o.default})` : '';
      return `  ${left[i].padEnd(width)}  ${o.description}${def}`;
    }),
  ];
  if (spec.notes) lines.push('', spec.notes);
  return lines.join('\n');
}

/** An error's message followed by its causes' messages: "a: b: c". */
export function describeFailure(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg && !parts.some((p) => p.includes(msg))) parts.push(msg);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ');
}

/** A configuration error on one line: "Invalid configuration (see .env.example): LLM_BASE_URL: is required; PORT: …". */
function oneLine(message: string): string {
  const [head, ...issues] = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return issues.length ? `${head} ${issues.join('; ')}` : (head ?? '');
}

/** Runs a command with `argv` and returns its exit code; never exits the process. */
export async function runCliWith<O extends Record<string, CliOption>>(
  spec: CliSpec<O>,
  argv: string[],
  io: CliIo,
): Promise<number> {
  const options = Object.fromEntries(
    Object.entries(spec.options ?? {}).map(([k, o]) => [
      k,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  );
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: spec.args !== undefined,
      strict: true,
    }) as typeof parsed;
  } catch (err) {
    io.stderr(`npm run ${spec.name}: ${(err as Error).message}\n\n${usage(spec)}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(`${usage(spec)}\n`);
    return 0;
  }
  try {
    const { help: _help, ...values } = parsed.values;
    return (await spec.main({ values: values as CliValues<O>, positionals: parsed.positionals })) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`npm run ${spec.name}: ${err.message}\n\n${usage(spec)}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr(`${oneLine(err.message)}\n`);
      return 1;
    }
    const debug = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace';
    io.stderr(
      `${spec.name} failed: ${describeFailure(err)}\n${debug && err instanceof Error && err.stack ? `${err.stack}\n` : ''}`,
    );
    return 1;
  }
}

/**
 * Runs a command-line entry with the process's arguments and exits with its code. The
 * exit is explicit because worker threads or open handles (an embeddings pool, a pending
 * LLM socket) must not keep a finished command alive.
 */
export async function runCli<O extends Record<string, CliOption>>(spec: CliSpec<O>): Promise<never> {
  const code = await runCliWith(spec, process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  });
  // Let stdout drain (a pipe may still hold the answer) before exiting.
  await new Promise<void>((resolve) =>
    process.stdout.writableNeedDrain ? process.stdout.once('drain', () => resolve()) : resolve(),
  );
  process.exit(code);
}
