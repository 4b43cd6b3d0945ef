/**
 * Starting the bot: long polling through @grammyjs/runner (concurrent, sequentialized per
 * chat in createBot), or a webhook HTTP server that checks Telegram's secret header.
 * Each returns a `stop` that ends intake and waits (bounded) for replies in flight.
 */
import { createServer, type Server } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../log.js';
import type { BotContext } from './context.js';
import { ALLOWED_UPDATES, COMMANDS } from './create-bot.js';

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

/** Starts long polling. */
export async function startPolling(bot: Bot<BotContext>, log: Logger): Promise<Running> {
  await bot.init();
  // A webhook left over from webhook mode would make getUpdates fail.
  await bot.api.deleteWebhook().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'deleteWebhook failed'));
  await registerCommands(bot, log);
  const handle: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: 'exponential', maxRetryTime: 60 * 60 * 1000 },
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
export interface WebhookSettings {
  url: string;
  secret: string;
  port: number;
  host?: string;
}

/** Starts the webhook server and registers the webhook with Telegram. */
export async function startWebhook(bot: Bot<BotContext>, log: Logger, s: WebhookSettings): Promise<Running & { server: Server }> {
  await bot.init();
  const path = new URL(s.url).pathname || '/';
  const handle = webhookCallback(bot, 'http', { secretToken: s.secret, onTimeout: 'return', timeoutMilliseconds: 9000 });
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== path) {
      res.statusCode = req.method === 'GET' && req.url === '/healthz' ? 200 : 404;
      res.end(res.statusCode === 200 ? 'ok' : 'not found');
      return;
    }
    const p = handle(req, res).catch((err: unknown) => {
      log.error({ err: (err as Error).message }, 'webhook handling failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  });
  await new Promise<void>((r) => server.listen(s.port, s.host ?? '0.0.0.0', r));
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
