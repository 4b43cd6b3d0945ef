/**
 * Structured logging (pino). Secrets are scrubbed from every record: grammY errors can
 * carry request URLs, and those contain the bot token.
 */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Replaces every occurrence of each secret in a string. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('<redacted>');
  return out;
}

function scrub(value: unknown, secrets: string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redact(value.message, secrets),
      stack: value.stack && redact(value.stack, secrets),
      ...(scrub({ ...value }, secrets, depth + 1) as object),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, secrets, depth + 1);
  return out;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Strings that must never appear in a log line (the bot token, API keys). */
  secrets?: string[];
  /** Destination stream; default stdout. */
  destination?: pino.DestinationStream;
}

/** Creates the application logger. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter(Boolean);
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'fanzha-zhushou' },
      formatters: { log: (obj) => scrub(obj, secrets) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redact(a, secrets) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: { err: (e: unknown) => scrub(e, secrets) },
    },
    opts.destination,
  );
}
