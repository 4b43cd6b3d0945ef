/**
 * Message check in Telegram (issue 7): a forwarded message is always checked; `/check`
 * checks the replied-to message or its argument; a photo (or an image sent as a document)
 * is read offline with OCR, the recognised text is shown shortened, then checked. The
 * reply is the engine's check answer: the verdict line with its level mark, the red flags
 * quoting their evidence, what to do now, then cited cases or advice of the same type.
 * Pasted messages are routed to the checker by the engine itself (feature `ask`).
 */
import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import type { AnswerOptions } from '../../answer/engine.js';
import type { Answer } from '../../answer/types.js';
import { OcrError, type OcrOptions, type OcrResult, recognizeImage } from '../../check/ocr.js';
import { routeInput } from '../../check/route.js';
import type { CheckInput } from '../../check/types.js';
import type { RecordSource } from '../../record/types.js';
import type { Language } from '../../retrieval/query.js';
import { toTraditional } from '../../text/script.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { downloadFile, FileTooLargeError } from '../files.js';
import { answerOptions, replyWithAnswer, typing } from '../reply.js';

/** Largest image downloaded for OCR: a phone screenshot is well under 5 MB. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * A photo whose caption is itself a received message (the user typed the message out,
 * longer than this) goes to the engine as text. Any other caption — "是诈骗吗？", or "我妈收到
 * 这条短信，帮我看看是不是诈骗" — asks about the image, which is read and checked: the
 * screenshot is the evidence, and its red flags are quoted from it.
 */
export const CAPTION_AS_TEXT_CHARS = 15;
/** Recognised text shown back to the user before the verdict, so they see what was checked. */
export const MAX_SHOWN_OCR_CHARS = 300;

/** Reads the text of an image; the default is the process-wide offline tesseract.js pool. */
export type Recognize = (image: Buffer, opts?: OcrOptions) => Promise<OcrResult>;

// Texts of this feature (Simplified and English written; Traditional converted once).
// To move into src/i18n/ with the other interface texts.
const ZH = {
  usage: '用法：回复一条消息发送 /check，或者 /check 后面粘贴要检查的内容。转发给我的消息和截图会自动检查。',
  ocrShown: (text: string) => `🔎 从图片中识别到的文字：\n${text}`,
  noText: '没有从图片中识别出文字。请换一张更清晰的截图，或直接把消息文字粘贴给我。',
  tooLarge: '图片太大了，请裁剪后再发，或直接粘贴文字。',
  ocrFailed: '这张图片暂时无法识别，请稍后再试，或直接把消息文字粘贴给我。',
};
type CheckTexts = typeof ZH;
const EN: CheckTexts = {
  usage:
    'Usage: reply to a message with /check, or paste the text after /check. Messages forwarded to me and screenshots are checked automatically.',
  ocrShown: (text: string) => `🔎 Text read from the image:\n${text}`,
  noText: 'No text could be read from the image. Please send a clearer screenshot, or paste the message text.',
  tooLarge: 'The image is too large. Please crop it, or paste the text.',
  ocrFailed: 'This image could not be read right now. Please try again later, or paste the message text.',
};
let zhHant: CheckTexts | undefined;
function checkTexts(lang: Language): CheckTexts {
  if (lang === 'en') return EN;
  if (lang === 'zh-Hans') return ZH;
  zhHant ??= {
    usage: toTraditional(ZH.usage),
    ocrShown: (text: string) => `${toTraditional('🔎 从图片中识别到的文字：')}\n${text}`,
    noText: toTraditional(ZH.noText),
    tooLarge: toTraditional(ZH.tooLarge),
    ocrFailed: toTraditional(ZH.ocrFailed),
  };
  return zhHant;
}

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/** Who a forwarded message came from, as Telegram tells it. */
function forwardedFrom(m: Message): string | undefined {
  const o = m.forward_origin;
  if (!o) return undefined;
  switch (o.type) {
    case 'user':
      return [o.sender_user.first_name, o.sender_user.last_name].filter(Boolean).join(' ') || undefined;
    case 'hidden_user':
      return o.sender_user_name;
    case 'chat':
      return o.sender_chat.type !== 'private' ? o.sender_chat.title : undefined;
    case 'channel':
      return o.chat.title;
    default:
      return undefined;
  }
}

/** The file id of the largest photo size, or of an image sent as a document. */
function imageFileId(m: Message): string | undefined {
  if (m.photo?.length) return m.photo[m.photo.length - 1].file_id;
  if (m.document?.mime_type?.startsWith('image/')) return m.document.file_id;
  return undefined;
}

/** Runs the engine's forced check (or, for an engine without one, its answer). */
async function runCheck(ctx: BotContext, deps: BotDeps, input: CheckInput, source: RecordSource): Promise<void> {
  typing(ctx);
  if (deps.logMessageText) ctx.log.debug({ text: input.text, forwarded: input.forwarded }, 'check');
  // The reply is in the user's language (their Telegram setting), not the message's: a
  // grandmother forwarding an English SMS reads the verdict in Chinese.
  const opts: AnswerOptions = answerOptions(ctx, deps, { language: ctx.uiLang });
  const answer: Answer = deps.engine.check
    ? await deps.engine.check(input, opts)
    : await deps.engine.answer(input.text, opts);
  await replyWithAnswer(ctx, answer, deps, source);
}

/** Reads an image message, shows what was read, then checks it. */
async function checkImage(
  ctx: BotContext,
  deps: BotDeps,
  recognize: Recognize,
  m: Message,
  fileId: string,
): Promise<void> {
  const t = checkTexts(ctx.uiLang);
  typing(ctx);
  let ocr: OcrResult;
  try {
    const image = await downloadFile(ctx.api, deps.token, deps.apiRoot, fileId, MAX_IMAGE_BYTES);
    ocr = await recognize(image);
  } catch (err) {
    const tooLarge = err instanceof FileTooLargeError || (err instanceof OcrError && err.code === 'too-large');
    ctx.log.warn(
      { err: err instanceof Error ? err.message : String(err), code: err instanceof OcrError ? err.code : undefined },
      'image check failed',
    );
    await ctx.reply(tooLarge ? t.tooLarge : t.ocrFailed);
    return;
  }
  const text = ocr.text.trim();
  ctx.log.info({ ocr_ms: Math.round(ocr.ms), confidence: ocr.confidence, chars: text.length }, 'image read');
  if (!text) {
    await ctx.reply(t.noText);
    return;
  }
  await ctx.reply(t.ocrShown(shorten(text, MAX_SHOWN_OCR_CHARS)), { link_preview_options: { is_disabled: true } });
  // A caption the user typed is their question, not part of the message: the image alone is checked.
  await runCheck(ctx, deps, { text, forwarded: !!m.forward_origin, forwardedFrom: forwardedFrom(m) }, 'photo');
}

/**
 * Builds the check feature. `recognize` reads images (default: the offline tesseract.js
 * pool of src/check/ocr.ts); tests pass a fake.
 */
export function createCheckFeature(opts: { recognize?: Recognize } = {}): (deps: BotDeps) => Composer<BotContext> {
  const recognize: Recognize = opts.recognize ?? ((image, o) => recognizeImage(image, o));
  return (deps) => {
    const c = new Composer<BotContext>();

    c.command('check', async (ctx) => {
      const replied = ctx.message?.reply_to_message;
      if (replied) {
        const fileId = imageFileId(replied);
        const text = (replied.text ?? replied.caption ?? '').trim();
        if (text) {
          await runCheck(
            ctx,
            deps,
            { text, forwarded: !!replied.forward_origin, forwardedFrom: forwardedFrom(replied) },
            'command',
          );
          return;
        }
        if (fileId) {
          await checkImage(ctx, deps, recognize, replied, fileId);
          return;
        }
      }
      const arg = ctx.match.trim();
      if (arg) {
        await runCheck(ctx, deps, { text: arg }, 'command');
        return;
      }
      await ctx.reply(checkTexts(ctx.uiLang).usage);
    });

    // Forwarded text: always a received message, never a question.
    c.on('message', async (ctx, next) => {
      const m = ctx.message;
      if (!m.forward_origin) return next();
      const text = (m.text ?? m.caption ?? '').trim();
      const fileId = imageFileId(m);
      if (fileId && !m.text) {
        await checkImage(ctx, deps, recognize, m, fileId);
        return;
      }
      if (!text) return next();
      await runCheck(ctx, deps, { text, forwarded: true, forwardedFrom: forwardedFrom(m) }, 'forward');
    });

    // Screenshots: a photo, or an image sent as a document.
    c.on(['message:photo', 'message:document'], async (ctx, next) => {
      const fileId = imageFileId(ctx.message);
      if (!fileId) return next();
      const caption = (ctx.message.caption ?? '').trim();
      if ([...caption].length > CAPTION_AS_TEXT_CHARS && routeInput(caption).kind === 'message') return next();
      await checkImage(ctx, deps, recognize, ctx.message, fileId);
    });

    return c;
  };
}

/** The check feature with the default offline OCR. */
export const checkFeature = createCheckFeature();
