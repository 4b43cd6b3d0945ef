/** /types: the scam taxonomy as buttons; a button asks the type's example question. */
import { Composer } from 'grammy';
import { SCAM_TYPES, type ScamType } from '../../knowledge/scam-types.js';
import { toTraditional } from '../../text/script.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { texts } from '../messages.js';
import { sendAnswer } from '../reply.js';

/** Callback data of a type button: `t:<scam type id>`. */
const TYPE_DATA = /^t:([a-z0-9-]{1,40})$/;

function label(lang: BotContext['uiLang'], t: ScamType): string {
  return lang === 'en' ? t.nameEn : lang === 'zh-Hant' ? t.nameHant : t.name;
}

/** The question a type button asks, in the user's language. */
function typeQuestion(lang: BotContext['uiLang'], t: ScamType): string {
  return lang === 'en' ? `What is the ${t.nameEn} scam and how does it work?` : lang === 'zh-Hant' ? toTraditional(t.exampleQuestion) : t.exampleQuestion;
}

export function typesFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('types', async (ctx) => {
    const rows = SCAM_TYPES.map((t) => [{ text: label(ctx.uiLang, t), callback_data: `t:${t.id}` }]);
    await ctx.reply(texts(ctx.uiLang).typesIntro, { reply_markup: { inline_keyboard: rows } });
  });
  c.callbackQuery(TYPE_DATA, async (ctx) => {
    const type = SCAM_TYPES.find((t) => t.id === ctx.match[1]);
    if (!type) {
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource });
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    await sendAnswer(ctx, deps, typeQuestion(ctx.uiLang, type));
  });
  return c;
}
