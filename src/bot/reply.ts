/**
 * Sending an answer to the chat it was asked in: "typing…", the HTML parts within
 * Telegram's length limit, source buttons under the last part, a reply reference in groups.
 * Shared by every feature that answers (ask, commands, types, check).
 */
import type { AnswerOptions } from '../answer/engine.js';
import type { Answer } from '../answer/types.js';
import type { RecordSource } from '../record/types.js';
import { type BotContext, traditionalVariant } from './context.js';
import type { BotDeps } from './deps.js';
import { recordAnswer, withVotes } from './features/feedback.js';
import { describeError } from './middlewares/error-boundary.js';
import { citationKeyboard, renderAnswerHtml, splitMessage } from './render-html.js';

/** Default of {@link BotDeps.maxQuestionChars}: longer messages are answered on their first part. */
export const DEFAULT_MAX_QUESTION_CHARS = 2000;

/** Shows "typing…" without ever delaying or breaking the answer if it fails. */
export function typing(ctx: BotContext): void {
  ctx
    .replyWithChatAction('typing')
    .catch((err: unknown) => ctx.log.debug({ err: describeError(err) }, 'sendChatAction failed (ignored)'));
}

/** The per-question options the bot passes to the engine for this user. */
export function answerOptions(ctx: BotContext, deps: BotDeps, opts: Partial<AnswerOptions> = {}): AnswerOptions {
  return {
    maxQuestionChars: deps.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS,
    traditionalVariant: traditionalVariant(ctx.from?.language_code),
    ...opts,
  };
}

/**
 * Sends an answer: HTML parts, source buttons (and, when recording, vote buttons) on the
 * last one, a reply reference in groups. The answer is recorded first so the vote buttons
 * carry its record id.
 */
export async function replyWithAnswer(
  ctx: BotContext,
  a: Answer,
  deps?: Pick<BotDeps, 'recorder'>,
  source: RecordSource = 'question',
): Promise<void> {
  ctx.log.info(
    {
      in_scope: a.inScope,
      language: a.language,
      citations: a.citations.length,
      mode: a.mode,
      fallback: a.fallbackReason,
      answer_ms: Math.round(a.ms),
    },
    'answered',
  );
  const parts = splitMessage(renderAnswerHtml(a));
  const keyboard = withVotes(citationKeyboard(a), recordAnswer(deps?.recorder, a, ctx, source), ctx);
  const replyTo =
    ctx.msg && ctx.chat?.type !== 'private'
      ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
      : {};
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    await ctx.reply(parts[i], {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 ? replyTo : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

/** Answers a question in the chat it came from. */
export async function sendAnswer(
  ctx: BotContext,
  deps: BotDeps,
  question: string,
  opts: Partial<AnswerOptions> = {},
): Promise<void> {
  typing(ctx);
  if (deps.logMessageText) ctx.log.debug({ question }, 'question');
  await replyWithAnswer(ctx, await deps.engine.answer(question, answerOptions(ctx, deps, opts)), deps);
}
