/**
 * Updates the bot does not act on. Edits and channel posts are not requested
 * ({@link ALLOWED_UPDATES}); this filter stops them anyway if a webhook or runner set up
 * elsewhere still delivers them: answering an edit would repeat an answer, and the bot is
 * not meant to run in channels.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** The update kinds the bot asks Telegram for (getUpdates and setWebhook). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Drops edits and channel posts, logging them at debug level. */
export function ignoreUnwantedUpdates(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on(['edited_message', 'channel_post', 'edited_channel_post'], (ctx) =>
    ctx.log.debug('edit or channel post ignored'),
  );
  return c;
}
