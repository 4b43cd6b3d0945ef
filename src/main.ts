/**
 * `npm start`: the one place that reads the environment and starts things. Builds the
 * index if it is missing or stale, then runs the Telegram bot (long polling, or webhook
 * when WEBHOOK_URL is set). Without a bot token it opens the terminal chat when run
 * interactively, and otherwise exits with instructions.
 */
import './load-env.js';
import type { Running } from './bot/start.js';
import { type Config, ConfigError, explainStartFailure, loadConfig } from './config.js';
import { prefetchIndex } from './index/prefetch.js';

const NO_TOKEN = `TELEGRAM_BOT_TOKEN is not set.
To run the Telegram bot:
  1. In Telegram, open @BotFather, send /newbot and follow the steps; it gives you a token.
  2. Put it in .env as TELEGRAM_BOT_TOKEN=123456:ABC... (see .env.example), then run npm start again.`;

async function main(config: Config): Promise<number> {
  // Every way on from here loads the index: its files are read and hashed in worker threads
  // from now on, while the bot's modules load (imported only now, for that reason) and the
  // seeds are checked; loadIndex then finds the work under way or done (issue 11).
  prefetchIndex(config.dataDir);
  const [
    { setupEngine },
    { createBot },
    { startPolling, startWebhook },
    { runTerminalChat },
    { createLogger },
    { startRuntime },
  ] = await Promise.all([
    import('./answer/setup.js'),
    import('./bot/create-bot.js'),
    import('./bot/start.js'),
    import('./cli/terminal-chat.js'),
    import('./log.js'),
    import('./runtime.js'),
  ]);
  if (!config.telegram.token) {
    if (process.stdin.isTTY) {
      console.log(`${NO_TOKEN}\n\nStarting the terminal chat instead.\n`);
      await runTerminalChat(config);
      return 0;
    }
    // Not interactive (a service, CI, a pipe): still build the index, so that `npm start`
    // leaves a ready library behind, then say what is missing.
    const { report } = await setupEngine(config);
    console.error(
      `Index ready in ${config.dataDir}: ${report.articles} documents, ${report.passages} passages.\n\n${NO_TOKEN}`,
    );
    return 1;
  }
  const token = config.telegram.token;
  const logger = createLogger({
    level: config.logLevel,
    secrets: [token, config.telegram.webhookSecret ?? '', config.llm.provider !== 'none' ? config.llm.apiKey : ''],
  });
  const runtime = await startRuntime(config, logger);
  const { report } = runtime;
  logger.info(
    {
      articles: report.articles,
      passages: report.passages,
      rebuilt: !report.upToDate,
      reason: report.reason,
      skipped: report.skipped,
      dropped: report.dropped,
    },
    'index ready',
  );
  // A rebuild that failed (the existing index is served), files skipped: the operator must see it.
  for (const w of report.warnings) logger.warn(w);
  if (!runtime.recorder.enabled && config.record.enabled)
    logger.warn('answering without recording (see the error above)');
  const bot = createBot({
    token,
    engine: runtime.engine,
    sources: runtime.sources,
    recorder: runtime.recorder,
    admin: runtime.admin,
    retentionDays: config.record.retentionDays,
    logger,
    apiRoot: config.telegram.apiRoot,
    rateLimitPerMinute: config.telegram.rateLimitPerMinute,
    maxQuestionChars: config.maxQuestionChars,
    logMessageText: config.logLevel === 'debug' || config.logLevel === 'trace',
  });
  const startOpts = { startTimeoutMs: config.telegram.startTimeoutMs, apiRoot: config.telegram.apiRoot };
  const running: Running = config.telegram.webhookUrl
    ? await startWebhook(bot, logger, {
        url: config.telegram.webhookUrl,
        secret: config.telegram.webhookSecret!,
        port: config.telegram.port,
        ...startOpts,
      })
    : await startPolling(bot, logger, startOpts);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Replies in flight get a few seconds; after that the process exits regardless.
    setTimeout(() => process.exit(0), 8000).unref();
    void running.stop(5000).then(() => {
      runtime.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await running.done;
  return 0;
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
main(config).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`反诈助手 failed to start: ${explainStartFailure(err, config)}`);
    process.exit(1);
  },
);
