/**
 * Text (and photo captions): a question, or a pasted message, goes to the engine. Unknown
 * commands get the help text in private chats; in groups only when addressed to this bot
 * (`/foo@ThisBot`), since `/foo` there may be meant for another bot.
 */
import { Composer } from 'grammy';
import { texts } from '../../i18n/strings.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { commandTarget } from '../middlewares/group-filter.js';
import { sendAnswer } from '../reply.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function askFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on(['message:text', 'message:caption'], async (ctx) => {
    let text = (ctx.message.text ?? ctx.message.caption ?? '').trim();
    const target = commandTarget(text);
    if (target !== undefined) {
      const toUs = target.toLowerCase() === ctx.me.username.toLowerCase();
      if (ctx.chat.type === 'private' ? target === '' || toUs : toUs)
        await ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' });
      return;
    }
    text = text.replace(new RegExp(`@${escapeRegExp(ctx.me.username)}(?![A-Za-z0-9_])`, 'gi'), '').trim();
    if (!text) {
      await ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' });
      return;
    }
    await sendAnswer(ctx, deps, text);
  });
  return c;
}
