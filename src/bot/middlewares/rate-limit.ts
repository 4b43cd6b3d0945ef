/** Per-user rate limit; the notice is sent once per window, not for every message. */
import { limit } from '@grammyjs/ratelimiter';
import type { MiddlewareFn } from 'grammy';
import { texts } from '../../i18n/strings.js';
import type { BotContext } from '../context.js';
import { htmlToPlain } from '../render-html.js';
import { describeError } from './error-boundary.js';

/** The rate limit's window: questions are counted per user per minute. */
export const RATE_WINDOW_MS = 60_000;
/** Default questions per user per window (RATE_LIMIT_PER_MINUTE). */
export const DEFAULT_RATE_LIMIT = 20;
/** Above this many remembered notices, expired ones are forgotten so the map stays small on a busy bot. */
const NOTICE_MAP_PRUNE_AT = 10_000;

/** Limits each user to `perMinute` updates a minute, telling them once per window. */
export function rateLimit(perMinute = DEFAULT_RATE_LIMIT): MiddlewareFn<BotContext> {
  const noticed = new Map<number, number>();
  return limit<BotContext, never>({
    timeFrame: RATE_WINDOW_MS,
    limit: perMinute,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      const id = ctx.from?.id ?? 0;
      const now = Date.now();
      ctx.log.info('rate limited');
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text: htmlToPlain(texts(ctx.uiLang).rateLimited) }).catch(() => undefined);
        return;
      }
      if ((noticed.get(id) ?? 0) > now - RATE_WINDOW_MS) return;
      if (noticed.size > NOTICE_MAP_PRUNE_AT)
        for (const [u, t] of noticed) if (t <= now - RATE_WINDOW_MS) noticed.delete(u);
      noticed.set(id, now);
      await ctx
        .reply(texts(ctx.uiLang).rateLimited)
        .catch((err: unknown) => ctx.log.warn({ err: describeError(err) }, 'rate-limit notice failed'));
    },
  });
}
