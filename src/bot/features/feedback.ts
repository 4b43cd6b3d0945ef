/**
 * 👍 / 👎 under every answer and check result. 👎 offers a second tap for the reason.
 * Votes are idempotent per user and answer (the record keeps one vote per pair); buttons
 * of answers no longer in the record (retention, another database) get a polite notice.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Answer } from '../../answer/types.js';
import { feedbackTexts } from '../../i18n/feedback.js';
import { interactionOf } from '../../record/from-answer.js';
import type { Recorder, RecordSource, VoteReason } from '../../record/types.js';
import { VOTE_REASONS } from '../../record/types.js';
import type { BotContext } from '../context.js';

const VOTE_DATA = /^v:([0-9a-f]{12}):([ud])$/u;
const REASON_DATA = new RegExp(`^r:([0-9a-f]{12}):(${VOTE_REASONS.join('|')})$`, 'u');

/** The vote row for interaction `id`. */
export function voteRow(id: string, ctx: BotContext): InlineKeyboardButton[] {
  const t = feedbackTexts(ctx.uiLang);
  return [InlineKeyboard.text(t.up, `v:${id}:u`), InlineKeyboard.text(t.down, `v:${id}:d`)];
}

/** Adds the vote row to a keyboard (or makes one). */
export function withVotes(
  keyboard: InlineKeyboard | undefined,
  id: string | undefined,
  ctx: BotContext,
): InlineKeyboard | undefined {
  if (!id) return keyboard;
  const kb = keyboard ?? new InlineKeyboard();
  if (keyboard) kb.row();
  for (const b of voteRow(id, ctx)) kb.add(b);
  return kb;
}

/** Records `a` and returns its id for the vote buttons (undefined when recording is off). */
export function recordAnswer(
  recorder: Recorder | undefined,
  a: Answer,
  ctx: BotContext,
  source: RecordSource,
): string | undefined {
  if (!recorder?.enabled) return undefined;
  return recorder.record(interactionOf(a, source, ctx.from?.id));
}

function replaceVoteRow(
  markup: InlineKeyboardMarkup | undefined,
  id: string,
  row: InlineKeyboardButton[],
): InlineKeyboardMarkup {
  const rows = (markup?.inline_keyboard ?? []).filter(
    (r) =>
      !r.some((b) => 'callback_data' in b && /^[vr]:/u.test(b.callback_data ?? '') && b.callback_data?.includes(id)),
  );
  return { inline_keyboard: row.length ? [...rows, row] : rows };
}

/** Handles vote and reason buttons. */
export function feedbackFeature(deps: { recorder?: Recorder }): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(VOTE_DATA, async (ctx) => {
    const [, id, dir] = ctx.match as RegExpMatchArray;
    const t = feedbackTexts(ctx.uiLang);
    const result = deps.recorder?.vote(id, ctx.from.id, dir === 'u' ? 1 : -1) ?? 'unknown';
    if (result === 'unknown') {
      await ctx.answerCallbackQuery({ text: t.stale });
      return;
    }
    await ctx.answerCallbackQuery({ text: dir === 'u' ? t.thanks : t.askReason });
    ctx.log.info({ vote: dir, result }, 'vote');
    if (dir === 'd') {
      const reasons = VOTE_REASONS.map((r) => InlineKeyboard.text(t.reasons[r], `r:${id}:${r}`));
      await ctx
        .editMessageReplyMarkup({ reply_markup: replaceVoteRow(ctx.callbackQuery.message?.reply_markup, id, reasons) })
        .catch((err: unknown) => ctx.log.debug({ err: String(err) }, 'could not show reasons'));
    }
  });
  c.callbackQuery(REASON_DATA, async (ctx) => {
    const [, id, reason] = ctx.match as RegExpMatchArray;
    const t = feedbackTexts(ctx.uiLang);
    const result = deps.recorder?.vote(id, ctx.from.id, -1, reason as VoteReason) ?? 'unknown';
    await ctx.answerCallbackQuery({ text: result === 'unknown' ? t.stale : t.thanks });
    ctx.log.info({ vote: 'd', reason, result }, 'vote reason');
    if (result !== 'unknown') {
      await ctx
        .editMessageReplyMarkup({ reply_markup: replaceVoteRow(ctx.callbackQuery.message?.reply_markup, id, []) })
        .catch(() => undefined);
    }
  });
  return c;
}
