/** Per-update context: a child logger (update, chat) and the user's interface language. */
import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../log.js';
import { type BotContext, uiLanguage } from '../context.js';

/** Sets `ctx.uiLang` and `ctx.log`, and logs how long the update took at debug level. */
export function contextMiddleware(log: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.uiLang = uiLanguage(ctx.from?.language_code);
    ctx.log = log.child({ update_id: ctx.update.update_id, chat_type: ctx.chat?.type, chat_id: ctx.chat?.id });
    const t0 = performance.now();
    await next();
    ctx.log.debug({ ms: Math.round(performance.now() - t0) }, 'update handled');
  };
}
