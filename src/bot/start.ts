/**
 * Starting the bot: long polling through @grammyjs/runner (concurrent, sequentialized per
 * chat in createBot), or a webhook HTTP server that checks Telegram's secret header.
 * Each returns a `stop` that ends intake and waits (bounded) for replies in flight.
 *
 * Delivery is at-least-once for updates (a webhook update whose handling failed is
 * answered 500, so Telegram delivers it again; a repeat of one already handled is
 * acknowledged without a second reply) and at-most-once for a single outgoing message
 * whose fate is unknown (see {@link networkGuard}).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type RunnerHandle, run } from '@grammyjs/runner';
import { type Bot, HttpError, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../log.js';
import type { BotContext } from './context.js';
import { ALLOWED_UPDATES, COMMANDS } from './create-bot.js';

/** Longest pause between retries while Telegram is unreachable: an outage ends within this of recovery. */
export const MAX_NETWORK_BACKOFF_MS = 30_000;
/** First pause after a network error. */
const FIRST_NETWORK_BACKOFF_MS = 1_000;
/**
 * Longest `retry_after` of a 429 that is waited out. Telegram asks for up to about a minute
 * in busy groups (20 messages a minute); auto-retry gives up beyond its 10 s bound, which
 * lost answers. Beyond this the answer is dropped with an error log rather than held forever.
 */
export const MAX_RETRY_AFTER_S = 120;
/** Rate-limit waits of one call before it gives up. */
const MAX_RATE_LIMIT_WAITS = 5;
/** Default bound on reaching Telegram at start before exiting with a clear message. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Largest webhook request body accepted: real updates are a few KB; a flood of large bodies must not grow memory. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;
/** How many recent update ids the webhook remembers to drop repeats (bounded memory). */
const SEEN_UPDATES = 10_000;
/** Time a webhook request waits for its update to be handled before answering 200 anyway (Telegram waits ~60 s). */
const WEBHOOK_HANDLE_MS = 9_000;

// Methods safe to repeat: reads and settings. A send whose response was lost may have been
// delivered, so it is repeated only when the request cannot have reached Telegram.
const IDEMPOTENT = /^(get|set|delete|answerCallbackQuery$|logOut$|close$)/u;
// Errors raised before the request reached the server: nothing can have been delivered.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED_BEFORE_SEND',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return undefined;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted while waiting to retry'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(t);
      reject(new Error('aborted while waiting to retry'));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * API transformer, installed outermost by the start functions: rides out network outages
 * and long rate limits, and says so in the log.
 * - Network errors (HttpError): reads and settings are retried with a backoff doubling from
 *   1 s up to {@link MAX_NETWORK_BACKOFF_MS}, however long the outage; a send only when the
 *   error proves the request never left (connection refused, DNS failure), else it is
 *   rethrown: a repeated sendMessage whose first response was lost is a duplicate answer.
 *   The first failure of an outage is logged as a warning, the recovery with its length.
 * - 429 with a `retry_after` beyond auto-retry's bound: waited out up to
 *   {@link MAX_RETRY_AFTER_S}, so busy groups get every answer, late rather than never.
 */
export function networkGuard(log: Logger, opts: { maxBackoffMs?: number } = {}): Transformer {
  const maxBackoff = opts.maxBackoffMs ?? MAX_NETWORK_BACKOFF_MS;
  let outageSince: number | undefined;
  return async (prev, method, payload, signal) => {
    let backoff = FIRST_NETWORK_BACKOFF_MS;
    let rateWaits = 0;
    for (;;) {
      let res: Awaited<ReturnType<typeof prev>>;
      try {
        res = await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || signal?.aborted) throw err;
        const code = errorCode(err);
        if (!IDEMPOTENT.test(method) && !(code && NOT_SENT.has(code))) throw err;
        if (outageSince === undefined) {
          outageSince = Date.now();
          log.warn({ method, code, err: err.message }, 'Telegram Bot API unreachable; retrying');
        } else log.debug({ method, code, retryInMs: backoff }, 'Telegram Bot API still unreachable');
        await pause(backoff, signal as AbortSignal | undefined);
        backoff = Math.min(maxBackoff, backoff * 2);
        continue;
      }
      if (outageSince !== undefined) {
        log.info({ downMs: Date.now() - outageSince }, 'Telegram Bot API reachable again');
        outageSince = undefined;
      }
      const retryAfter = res.ok ? undefined : res.parameters?.retry_after;
      if (typeof retryAfter === 'number' && retryAfter <= MAX_RETRY_AFTER_S && rateWaits < MAX_RATE_LIMIT_WAITS) {
        rateWaits++;
        log.warn(
          { method, retryAfter, chat_id: (payload as { chat_id?: unknown }).chat_id },
          'rate limited by Telegram; waiting',
        );
        await pause(retryAfter * 1000, signal as AbortSignal | undefined);
        continue;
      }
      return res;
    }
  };
}

/** Options shared by both start functions. */
export interface StartOptions {
  /** How long to try reaching Telegram at start before giving up; default {@link DEFAULT_START_TIMEOUT_MS}. */
  startTimeoutMs?: number;
  /** Bot API root, for messages only. */
  apiRoot?: string;
  /** Override of {@link MAX_NETWORK_BACKOFF_MS} (tests). */
  maxBackoffMs?: number;
}

/** Thrown when the bot cannot start (Telegram unreachable, port in use); the message says what to do. */
export class StartError extends Error {}

/** Installs the network guard and contacts Telegram (getMe), bounded in time. */
async function connect(bot: Bot<BotContext>, log: Logger, opts: StartOptions): Promise<void> {
  bot.api.config.use(networkGuard(log, { maxBackoffMs: opts.maxBackoffMs }));
  const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(
        new StartError(
          `Telegram Bot API at ${opts.apiRoot ?? 'https://api.telegram.org'} could not be reached within ${Math.round(timeoutMs / 1000)} s. ` +
            "Check the network, and TELEGRAM_API_ROOT if you set it (unset it to use Telegram's own server).",
        ),
      );
    }, timeoutMs);
  });
  try {
    await Promise.race([bot.init(abort.signal as Parameters<typeof bot.init>[0]), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A running bot. */
export interface Running {
  /** Stops intake and waits up to `graceMs` for updates being handled. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when the bot stops (for whatever reason). */
  done: Promise<void>;
}

/** Registers the command menu; failure (e.g. an emulator without the method) is logged only. */
export async function registerCommands(bot: Bot<BotContext>, log: Logger): Promise<void> {
  const calls = [
    bot.api.setMyCommands(COMMANDS.zh),
    bot.api.setMyCommands(COMMANDS.zh, { language_code: 'zh' }),
    bot.api.setMyCommands(COMMANDS.en, { language_code: 'en' }),
  ];
  const results = await Promise.allSettled(calls);
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed) log.warn({ failed }, 'setMyCommands failed; the bot works without its command menu');
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return Promise.race([p.then(() => undefined), new Promise<void>((r) => setTimeout(r, ms).unref())]);
}

/** Starts long polling. Throws {@link StartError} when Telegram cannot be reached in time. */
export async function startPolling(bot: Bot<BotContext>, log: Logger, opts: StartOptions = {}): Promise<Running> {
  await connect(bot, log, opts);
  // A webhook left over from webhook mode would make getUpdates fail.
  await bot.api
    .deleteWebhook()
    .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'deleteWebhook failed'));
  await registerCommands(bot, log);
  const handle: RunnerHandle = run(bot, {
    // Network errors are retried (and logged) by the network guard; what still reaches
    // the runner is retried every few seconds, never with a backoff growing to an hour.
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES] },
      retryInterval: 3000,
      maxRetryTime: 24 * 60 * 60 * 1000,
    },
  });
  log.info({ username: bot.botInfo.username }, 'bot started (long polling)');
  const done = handle.task() ?? Promise.resolve();
  return {
    done,
    async stop(graceMs = 5000) {
      if (handle.isRunning()) await withTimeout(handle.stop(), graceMs);
      log.info('bot stopped');
    },
  };
}

/** Options of {@link startWebhook}. */
export interface WebhookSettings extends StartOptions {
  url: string;
  secret: string;
  port: number;
  host?: string;
}

/** Remembers the last `size` keys: a bounded set for dropping repeated update ids. */
function recentSet(size: number) {
  const seen = new Set<number>();
  return {
    has: (k: number) => seen.has(k),
    add(k: number) {
      seen.add(k);
      if (seen.size > size) seen.delete(seen.values().next().value as number);
    },
    delete: (k: number) => seen.delete(k),
  };
}

/** Constant-time comparison of the secret header, so its value cannot be probed by timing. */
function sameSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a request body up to `max` bytes; null when it is larger. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body = ''): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(body);
}

/**
 * The webhook request handler: secret header (401), body cap (413), JSON object with a
 * numeric update_id (400), repeats of a handled update (200, no second reply), handling
 * failure (500, so Telegram delivers it again).
 */
export function createWebhookHandler(
  bot: Bot<BotContext>,
  log: Logger,
  s: { secret: string; path: string; maxBody?: number },
) {
  const seen = recentSet(SEEN_UPDATES);
  const maxBody = s.maxBody ?? MAX_WEBHOOK_BODY;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], s.secret)) {
      req.resume();
      return reply(res, 401, 'secret token missing or wrong');
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      log.warn({ limit: maxBody }, 'webhook request body too large; refused');
      res.setHeader('connection', 'close');
      return reply(res, 413, `body larger than ${maxBody} bytes`);
    }
    let update: Update;
    try {
      update = JSON.parse(body.toString('utf8')) as Update;
    } catch {
      return reply(res, 400, 'body is not JSON');
    }
    if (
      update === null ||
      typeof update !== 'object' ||
      Array.isArray(update) ||
      !Number.isSafeInteger(update.update_id)
    ) {
      return reply(res, 400, 'body is not a Telegram update (object with a numeric update_id)');
    }
    if (seen.has(update.update_id)) {
      log.info({ update_id: update.update_id }, 'repeated webhook update ignored');
      return reply(res, 200);
    }
    seen.add(update.update_id);
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((r) => (timer = setTimeout(() => r('slow'), WEBHOOK_HANDLE_MS)));
    try {
      // Answer Telegram within its patience; a slow answer goes on in the background.
      await Promise.race([bot.handleUpdate(update), slow]);
      reply(res, 200);
    } catch (err) {
      // Not handled: let Telegram deliver it again (at-least-once), and accept the repeat.
      seen.delete(update.update_id);
      log.error({ err: (err as Error).message, update_id: update.update_id }, 'webhook handling failed');
      reply(res, 500);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Starts the webhook server and registers the webhook with Telegram. Throws
 * {@link StartError} when the port is in use or Telegram cannot be reached in time.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  log: Logger,
  s: WebhookSettings,
): Promise<Running & { server: Server }> {
  await connect(bot, log, s);
  const path = new URL(s.url).pathname || '/';
  const handle = createWebhookHandler(bot, log, { secret: s.secret, path });
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== path) {
      req.resume();
      reply(
        res,
        req.method === 'GET' && req.url === '/healthz' ? 200 : 404,
        req.method === 'GET' && req.url === '/healthz' ? 'ok' : 'not found',
      );
      return;
    }
    const p = handle(req, res).catch((err: unknown) => {
      log.error({ err: (err as Error).message }, 'webhook request failed');
      reply(res, 500);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new StartError(
              `Port ${s.port} is already in use (EADDRINUSE): set PORT to a free port, or stop the program using it.`,
              { cause: err },
            )
          : err.code === 'EACCES'
            ? new StartError(`Port ${s.port} needs extra privileges (EACCES): set PORT to 1024 or above.`, {
                cause: err,
              })
            : new StartError(`The webhook server cannot listen on port ${s.port}: ${err.message}`, { cause: err }),
      );
    });
    server.listen(s.port, s.host ?? '0.0.0.0', () => resolve());
  });
  server.on('error', (err) => log.error({ err: err.message }, 'webhook server error'));
  await bot.api.setWebhook(s.url, { secret_token: s.secret, allowed_updates: [...ALLOWED_UPDATES] });
  await registerCommands(bot, log);
  log.info({ port: s.port, path }, 'bot started (webhook)');
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  return {
    server,
    done,
    async stop(graceMs = 5000) {
      await new Promise<void>((r) => server.close(() => r()));
      await withTimeout(Promise.allSettled([...inFlight]), graceMs);
      resolveDone();
      log.info('bot stopped');
    },
  };
}
