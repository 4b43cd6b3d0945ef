/** /types: the scam taxonomy as buttons; a button asks the type's example question. */
import { Composer } from 'grammy';
import { scamTypeLabel, scamTypeQuestion, texts } from '../../i18n/strings.js';
import { SCAM_TYPES } from '../../knowledge/scam-types.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { sendAnswer } from '../reply.js';

/** Callback data of a type button: `t:<scam type id>`. */
const TYPE_DATA = /^t:([a-z0-9-]{1,40})$/;

export function typesFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('types', async (ctx) => {
    const rows = SCAM_TYPES.map((t) => [{ text: scamTypeLabel(ctx.uiLang, t), callback_data: `t:${t.id}` }]);
    await ctx.reply(texts(ctx.uiLang).typesIntro, { reply_markup: { inline_keyboard: rows } });
  });
  c.callbackQuery(TYPE_DATA, async (ctx) => {
    const type = SCAM_TYPES.find((t) => t.id === ctx.match[1]);
    if (!type) {
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource });
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    await sendAnswer(ctx, deps, scamTypeQuestion(ctx.uiLang, type));
  });
  return c;
}
