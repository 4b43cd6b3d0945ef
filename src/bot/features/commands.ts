/** /start (welcome and example questions), /help and /tips. */
import { Composer } from 'grammy';
import { texts } from '../../i18n/strings.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { escapeHtml } from '../render-html.js';
import { sendAnswer } from '../reply.js';

export function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('start', async (ctx) => {
    const t = texts(ctx.uiLang);
    // Example questions as a one-time keyboard, in private chats only (in a group it would pop up for everyone).
    const kb = {
      keyboard: t.examples.map((e) => [{ text: e }]),
      resize_keyboard: true,
      one_time_keyboard: true,
      is_persistent: false,
    };
    await ctx.reply(`${t.welcome}\n\n${escapeHtml(t.examplesTitle)}`, {
      parse_mode: 'HTML',
      reply_markup: ctx.chat.type === 'private' ? kb : undefined,
    });
  });
  c.command('help', (ctx) => ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' }));
  c.command('tips', (ctx) => sendAnswer(ctx, deps, texts(ctx.uiLang).tipsQuestion, { language: ctx.uiLang }));
  return c;
}
