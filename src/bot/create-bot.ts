/**
 * The Telegram bot, built (never started) from its dependencies. This file only
 * assembles: API transformers, middlewares (src/bot/middlewares/), the features
 * (src/bot/features/, one grammY Composer each) inside an error boundary, and the
 * catch-all for unknown buttons. Starting (polling or webhook) is src/bot/start.ts's job.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, Composer } from 'grammy';
import { texts } from '../i18n/strings.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { FEATURES } from './features/index.js';
import { contextMiddleware } from './middlewares/context.js';
import { apologise, logUnhandled } from './middlewares/error-boundary.js';
import { groupFilter } from './middlewares/group-filter.js';
import { ignoreUnwantedUpdates } from './middlewares/ignore-updates.js';
import { rateLimit } from './middlewares/rate-limit.js';
import { perChatSequence } from './middlewares/sequentialize.js';
import { plainTextFallback } from './transformers/plain-text-fallback.js';

export { COMMANDS } from '../i18n/strings.js';
export type { BotDeps, BotEngine, Feature } from './deps.js';
export { ALLOWED_UPDATES } from './middlewares/ignore-updates.js';
export { plainTextFallback } from './transformers/plain-text-fallback.js';

/** Retries of failed API calls (429, 5xx, network) unless the deps say otherwise. */
const DEFAULT_RETRY = { maxRetryAttempts: 3, maxDelaySeconds: 10 };

/** Builds the bot. Does not contact Telegram. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    botInfo: deps.botInfo,
    client: deps.apiRoot ? { apiRoot: deps.apiRoot } : undefined,
  });
  // grammY runs the last installed transformer first: the test seam goes in first (innermost).
  if (deps.apiTransformer) bot.api.config.use(deps.apiTransformer);
  bot.api.config.use(plainTextFallback(deps.logger));
  // Network errors go on to start.ts's networkGuard (outermost), which logs outages, caps
  // the backoff at 30 s and never repeats a send that may have been delivered; auto-retry
  // would retry them silently, forever, with a backoff growing to an hour (issue 9).
  bot.api.config.use(autoRetry({ ...(deps.retry ?? DEFAULT_RETRY), rethrowHttpErrors: true }));

  bot.use(contextMiddleware(deps.logger));
  bot.use(perChatSequence());
  bot.use(ignoreUnwantedUpdates());
  bot.use(groupFilter());
  bot.use(rateLimit(deps.rateLimitPerMinute));

  const features = new Composer<BotContext>();
  for (const feature of deps.features ?? FEATURES) features.use(feature(deps));
  bot.errorBoundary(apologise, features);

  // Catch-all, last: callback buttons nobody handled (old or tampered) get a notice.
  bot.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource, show_alert: false }).catch(() => undefined);
  });
  bot.catch(logUnhandled);
  return bot;
}
