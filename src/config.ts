/**
 * Configuration: environment variables → a typed, validated {@link Config}. Read once at
 * the edge (src/main.ts and the CLI entries); library code receives what it needs as
 * arguments and never reads `process.env`.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { EmbedderSettings } from './index/embedders.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
// `localhost:11434` parses as a URL whose scheme is "localhost:"; the client would then
// never reach the server. Only http(s) URLs with a host are accepted.
const isHttpUrl = (v: string) => /^https?:\/\/[^/\s]/iu.test(v) && URL.canParse(v);
const optionalUrl = optionalString.superRefine((v, ctx) => {
  if (v !== undefined && !isHttpUrl(v)) {
    const hint = /^[\w.-]+(:\d+)?(\/|$)/u.test(v) ? ` (did you mean http://${v} ?)` : '';
    ctx.addIssue({ code: 'custom', message: `must be a URL starting with http:// or https://${hint}` });
  }
});
// Decimal digits only: Number('0x20') is 32 and Number('1e3') is 1000, which an operator
// did not mean to write.
const intFrom = (def: number, min: number, max: number) =>
  optionalString.transform((v, ctx) => {
    if (v === undefined) return def;
    const n = /^\d{1,9}$/u.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a whole number from ${min} to ${max} written in decimal digits (got "${v}")`,
      });
      return z.NEVER;
    }
    return n;
  });
/** Shortest webhook secret accepted: Telegram allows 1–256 characters, but a short one can be guessed. */
export const MIN_WEBHOOK_SECRET = 16;

const envSchema = z
  .object({
    SEEDS_DIR: optionalString.transform((v) => v ?? 'seeds'),
    DATA_DIR: optionalString.transform((v) => v ?? 'data/index'),
    EMBEDDINGS_PROVIDER: optionalString
      .pipe(z.enum(['hashing', 'openai', 'transformers']).optional())
      .transform((v) => v ?? 'hashing'),
    EMBEDDINGS_DIMENSIONS: intFrom(256, 16, 4096),
    // Worker threads of the hashing embedder for large ingestions; default: cores − 1.
    EMBEDDINGS_WORKERS: intFrom(Math.min(4, Math.max(0, availableParallelism() - 1)), 0, 64),
    EMBEDDINGS_BASE_URL: optionalUrl,
    EMBEDDINGS_API_KEY: optionalString,
    EMBEDDINGS_MODEL: optionalString,
    EMBEDDINGS_MODEL_DIR: optionalString,
    LLM_PROVIDER: optionalString.pipe(z.enum(['none', 'openai', 'ollama']).optional()).transform((v) => v ?? 'none'),
    LLM_BASE_URL: optionalUrl,
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: intFrom(4000, 200, 120_000),
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_API_ROOT: optionalUrl,
    // How long `npm start` tries to reach the Bot API before exiting with a clear message.
    TELEGRAM_START_TIMEOUT_S: intFrom(30, 1, 600),
    WEBHOOK_URL: optionalUrl.refine(
      (v) => v === undefined || /^https:\/\//iu.test(v),
      'must be an https:// URL (Telegram only delivers webhooks over HTTPS)',
    ),
    WEBHOOK_SECRET: optionalString,
    PORT: intFrom(8080, 1, 65535),
    RATE_LIMIT_PER_MINUTE: intFrom(20, 1, 10_000),
    MAX_QUESTION_CHARS: intFrom(2000, 50, 20_000),
    // Operator record (see README "Privacy").
    RECORD: optionalString.pipe(z.enum(['on', 'off']).optional()).transform((v) => v ?? 'on'),
    RECORD_HASH_KEY: optionalString.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
    STORE_CHECKED_MESSAGES: optionalString.pipe(z.enum(['true', 'false']).optional()).transform((v) => v === 'true'),
    RETENTION_DAYS: intFrom(90, 1, 3650),
    ADMIN_USER_IDS: optionalString.transform((v, ctx) => {
      const ids = (v ?? '').split(/[,\s]+/u).filter(Boolean);
      if (ids.some((id) => !/^\d{1,20}$/u.test(id))) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be numeric Telegram user ids separated by commas (ask @userinfobot for yours)',
        });
        return z.NEVER;
      }
      return ids.map(Number);
    }),
    WATCH_SEEDS: optionalString.pipe(z.enum(['true', 'false']).optional()).transform((v) => v !== 'false'),
    LOG_LEVEL: optionalString
      .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional())
      .transform((v) => v ?? 'info'),
  })
  .superRefine((e, ctx) => {
    const need = (key: keyof typeof e, why: string) => {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    if (e.EMBEDDINGS_PROVIDER === 'openai') {
      need(
        'EMBEDDINGS_BASE_URL',
        'when EMBEDDINGS_PROVIDER=openai (e.g. https://api.openai.com/v1 or http://localhost:11434/v1)',
      );
      need('EMBEDDINGS_MODEL', 'when EMBEDDINGS_PROVIDER=openai (e.g. text-embedding-3-small or bge-m3)');
    }
    if (e.EMBEDDINGS_PROVIDER === 'transformers')
      need('EMBEDDINGS_MODEL_DIR', 'when EMBEDDINGS_PROVIDER=transformers (a local model directory)');
    if (e.LLM_PROVIDER === 'openai') {
      need('LLM_BASE_URL', 'when LLM_PROVIDER=openai (any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1)');
      need('LLM_MODEL', 'when LLM_PROVIDER=openai (e.g. gpt-4o-mini or qwen-plus)');
    }
    if (e.LLM_PROVIDER === 'ollama') need('LLM_MODEL', 'when LLM_PROVIDER=ollama (e.g. qwen2.5:7b)');
    if (e.WEBHOOK_URL)
      need('WEBHOOK_SECRET', 'when WEBHOOK_URL is set (any long random string; Telegram echoes it in a header)');
    if (e.WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(e.WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'may only contain A-Z, a-z, 0-9, _ and - (Telegram rule), 1–256 characters',
      });
    } else if (e.WEBHOOK_SECRET && e.WEBHOOK_SECRET.length < MIN_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: `must be at least ${MIN_WEBHOOK_SECRET} characters (e.g. the output of \`openssl rand -hex 32\`)`,
      });
    }
  });

/** LLM settings; `none` means extractive answers only. */
export type LlmSettings =
  | { provider: 'none' }
  | { provider: 'openai' | 'ollama'; baseURL: string; apiKey: string; model: string; timeoutMs: number };

/** The validated configuration of the application. */
export interface Config {
  seedsDir: string;
  dataDir: string;
  embedder: EmbedderSettings;
  llm: LlmSettings;
  telegram: {
    token?: string;
    apiRoot?: string;
    /** Bound on reaching the Bot API at start, in ms. */
    startTimeoutMs: number;
    webhookUrl?: string;
    webhookSecret?: string;
    port: number;
    rateLimitPerMinute: number;
  };
  maxQuestionChars: number;
  /** Operator record and admin features. */
  record: { enabled: boolean; hashKey?: string; storeCheckedMessages: boolean; retentionDays: number };
  adminUserIds: number[];
  /** Rebuild when files change in the seeds directory. */
  watchSeeds: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Raised for invalid configuration; the message lists each variable and what to set. */
export class ConfigError extends Error {}

/** Parses environment variables into a {@link Config}, or throws {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const e = r.data;
  const embedder: EmbedderSettings =
    e.EMBEDDINGS_PROVIDER === 'openai'
      ? {
          provider: 'openai',
          baseURL: e.EMBEDDINGS_BASE_URL!,
          apiKey: e.EMBEDDINGS_API_KEY ?? 'none',
          model: e.EMBEDDINGS_MODEL!,
        }
      : e.EMBEDDINGS_PROVIDER === 'transformers'
        ? { provider: 'transformers', modelDir: e.EMBEDDINGS_MODEL_DIR! }
        : { provider: 'hashing', dimensions: e.EMBEDDINGS_DIMENSIONS, workers: e.EMBEDDINGS_WORKERS };
  const llm: LlmSettings =
    e.LLM_PROVIDER === 'none'
      ? { provider: 'none' }
      : {
          provider: e.LLM_PROVIDER,
          baseURL: e.LLM_BASE_URL ?? 'http://localhost:11434/v1',
          apiKey: e.LLM_API_KEY ?? (e.LLM_PROVIDER === 'ollama' ? 'ollama' : 'none'),
          model: e.LLM_MODEL!,
          timeoutMs: e.LLM_TIMEOUT_MS,
        };
  return {
    seedsDir: e.SEEDS_DIR,
    dataDir: e.DATA_DIR,
    embedder,
    llm,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      startTimeoutMs: e.TELEGRAM_START_TIMEOUT_S * 1000,
      webhookUrl: e.WEBHOOK_URL,
      webhookSecret: e.WEBHOOK_SECRET,
      port: e.PORT,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    record: {
      enabled: e.RECORD === 'on',
      hashKey: e.RECORD_HASH_KEY,
      storeCheckedMessages: e.STORE_CHECKED_MESSAGES,
      retentionDays: e.RETENTION_DAYS,
    },
    adminUserIds: e.ADMIN_USER_IDS,
    watchSeeds: e.WATCH_SEEDS,
    logLevel: e.LOG_LEVEL,
  };
}

/** A URL as it may be shown: no user name, password, query or fragment (which may hold keys). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

const UNREACHABLE =
  /Connection error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|fetch failed|socket hang up|timed? ?out/iu;

/**
 * The message for an error that stopped a start, naming the setting to change: the seeds
 * directory (SEEDS_DIR), an unreachable embeddings endpoint (EMBEDDINGS_BASE_URL and its URL,
 * never the key). Other errors keep their own message.
 */
export function explainStartFailure(err: unknown, config: Config): string {
  const message = (err as Error)?.message ?? String(err);
  if (/^(Seeds directory|Seeds path|No article could be ingested)/u.test(message)) {
    return `${message}\nSet SEEDS_DIR (now "${config.seedsDir}") to the directory holding the .txt articles.`;
  }
  if (config.embedder.provider === 'openai' && UNREACHABLE.test(`${message} ${(err as Error)?.cause ?? ''}`)) {
    const url = safeUrl(config.embedder.baseURL);
    return `The embeddings endpoint ${url} (EMBEDDINGS_BASE_URL) cannot be reached: ${message.split('\n')[0]}. Start the embeddings server, or fix EMBEDDINGS_BASE_URL.`;
  }
  return message;
}
