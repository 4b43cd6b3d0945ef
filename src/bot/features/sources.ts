/** Source buttons under answers: show the cited passage in its paragraph. */
import { Composer } from 'grammy';
import { texts } from '../../i18n/strings.js';
import { toTraditional } from '../../text/script.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { parseSourceCallback, renderPassageHtml, splitMessage } from '../render-html.js';

export function sourcesFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(/^p:/, async (ctx) => {
    const parsed = parseSourceCallback(ctx.callbackQuery.data);
    const view = parsed && deps.sources.view(parsed.passageId);
    if (!parsed || !view) {
      ctx.log.info({ valid: !!parsed }, 'stale or malformed source button');
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource });
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    const t = (s: string) => (parsed.lang === 'zh-Hant' ? toTraditional(s) : s);
    const html = renderPassageHtml(
      {
        ...view,
        title: t(view.title),
        paragraph: t(view.paragraph),
        section: view.section && t(view.section),
        place: view.place && t(view.place),
      },
      parsed.lang,
    );
    for (const part of splitMessage(html)) await ctx.reply(part, { parse_mode: 'HTML' });
  });
  return c;
}
