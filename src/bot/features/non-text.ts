/** Stickers, photos without a caption, voice, documents, locations…: a hint to send text. Install last. */
import { Composer } from 'grammy';
import { texts } from '../../i18n/strings.js';
import type { BotContext } from '../context.js';

export function nonTextFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('message', (ctx) => ctx.reply(texts(ctx.uiLang).nonText));
  return c;
}
