/**
 * Errors in features: logged without secrets or message text, and the user gets an
 * apology (with the hotlines) instead of silence. Errors outside the boundary are logged.
 */
import { type BotError, GrammyError, HttpError } from 'grammy';
import { texts } from '../../i18n/strings.js';
import type { BotContext } from '../context.js';

/** A loggable description of an error: what failed, never the message text. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError)
    return { kind: 'telegram', method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { kind: 'network', message: err.message };
  return { kind: 'internal', message: (err as Error)?.message, stack: (err as Error)?.stack };
}

/** Handler of `bot.errorBoundary` around the features: log, then apologise. */
export async function apologise(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  ctx.log.error({ err: describeError(err.error) }, 'handler failed');
  await ctx.reply(texts(ctx.uiLang).error).catch(() => undefined);
}

/** Handler of `bot.catch`: errors outside the boundary (middlewares) are logged. */
export function logUnhandled(err: BotError<BotContext>): void {
  err.ctx.log?.error({ err: describeError(err.error) }, 'unhandled error');
}
