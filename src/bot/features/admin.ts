/**
 * Operator features: admins (ADMIN_USER_IDS) send a .txt or .md file to add an article or
 * guide page — validated like ingestion, saved (an existing name only replaced after a
 * confirmation button), the index rebuilt in the background while the bot keeps answering,
 * then the admin gets the ingest summary — and /stats shows the operator report.
 * Everyone gets /privacy. Others sending a text file get a polite refusal; without
 * `deps.admin` nobody is an admin.
 */
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { Composer, InlineKeyboard } from 'grammy';
import { feedbackTexts } from '../../i18n/feedback.js';
import { MAX_UPLOAD_BYTES, saveUpload, type UploadResult } from '../../live/upload.js';
import { buildReport, parseSince, renderReport } from '../../record/report.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { downloadFile } from '../files.js';
import { escapeHtml, splitMessage } from '../render-html.js';

/** How long an upload waits for the overwrite confirmation. */
const PENDING_TTL_MS = 10 * 60_000;
/** Uploads kept waiting at once (bounded so a busy admin cannot grow memory). */
const MAX_PENDING = 20;
const TEXT_FILE = /\.(txt|md)$/iu;

/** Is this document one the admin feature handles (text article or guide page)? */
export function isTextDocument(name: string | undefined, mime: string | undefined): boolean {
  return TEXT_FILE.test(name ?? '') || mime === 'text/plain' || mime === 'text/markdown';
}

export function adminFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const admin = deps.admin;
  const isAdmin = (ctx: BotContext) =>
    admin !== undefined && ctx.from !== undefined && admin.adminUserIds.includes(ctx.from.id);
  const download = (ctx: BotContext, fileId: string, maxBytes: number) =>
    downloadFile(ctx.api, deps.token, deps.apiRoot, fileId, maxBytes);
  const pending = new Map<string, { name: string; bytes: Buffer; at: number; userId: number }>();

  const rebuildAndReport = async (ctx: BotContext, name: string) => {
    const t = feedbackTexts(ctx.uiLang);
    if (!admin) return;
    const r = await admin.refresh(`upload ${name}`);
    if (r.ok) {
      const rep = r.report;
      await ctx.reply(
        t.rebuildDone({
          articles: rep.articles,
          passages: rep.passages,
          embedded: rep.embedded,
          skipped: rep.skipped.map((s) => `${s.source}: ${s.reason}`),
          seconds: (r.ms / 1000).toFixed(1),
        }),
      );
    } else {
      await ctx.reply(t.rebuildFailed(r.error.message));
    }
  };

  /** Replies to a save: the reason it was refused, or "saved" then the rebuild summary. */
  const afterSave = async (ctx: BotContext, result: Exclude<UploadResult, { status: 'exists' }>, name: string) => {
    const t = feedbackTexts(ctx.uiLang);
    if (result.status === 'invalid') {
      await ctx.reply(t.uploadInvalid(result.reason));
      return;
    }
    ctx.log.info({ kind: result.kind, replaced: result.replaced }, 'article uploaded');
    await ctx.reply(t.uploadSaved(name));
    await rebuildAndReport(ctx, name);
  };

  c.on('message:document', async (ctx, next) => {
    const doc = ctx.message.document;
    if (!isTextDocument(doc.file_name, doc.mime_type)) return next();
    const t = feedbackTexts(ctx.uiLang);
    if (!admin || !isAdmin(ctx)) {
      ctx.log.info('upload refused: not an admin');
      await ctx.reply(t.notAdmin);
      return;
    }
    const name = doc.file_name ?? `article-${Date.now()}.txt`;
    if (!TEXT_FILE.test(name)) {
      await ctx.reply(
        t.uploadInvalid(`only .txt and .md files are accepted (got "${extname(name) || 'no extension'}")`),
      );
      return;
    }
    if ((doc.file_size ?? 0) > MAX_UPLOAD_BYTES) {
      await ctx.reply(
        t.uploadInvalid(
          `file is ${((doc.file_size ?? 0) / 1e6).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1e6} MB`,
        ),
      );
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await download(ctx, doc.file_id, MAX_UPLOAD_BYTES);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'upload download failed');
      await ctx.reply(t.uploadInvalid((err as Error).message));
      return;
    }
    const result = await saveUpload(admin.seedsDir, name, bytes);
    if (result.status === 'exists') {
      const now = Date.now();
      for (const [k, v] of pending) if (v.at < now - PENDING_TTL_MS) pending.delete(k);
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
      const key = randomBytes(6).toString('hex');
      pending.set(key, { name, bytes, at: Date.now(), userId: ctx.from.id });
      await ctx.reply(t.uploadExists(result.name), {
        reply_markup: new InlineKeyboard().text(t.overwrite, `up:y:${key}`).text(t.keep, `up:n:${key}`),
      });
      return;
    }
    await afterSave(ctx, result, name);
  });

  c.callbackQuery(/^up:([yn]):([0-9a-f]{12})$/u, async (ctx) => {
    const [, choice, key] = ctx.match as RegExpMatchArray;
    const t = feedbackTexts(ctx.uiLang);
    const p = pending.get(key);
    if (!admin || !p || p.userId !== ctx.from.id || p.at < Date.now() - PENDING_TTL_MS || !isAdmin(ctx)) {
      await ctx.answerCallbackQuery({ text: t.uploadExpired });
      return;
    }
    pending.delete(key);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    if (choice === 'n') {
      await ctx.reply(t.uploadKept);
      return;
    }
    const saved = await saveUpload(admin.seedsDir, p.name, p.bytes, { overwrite: true });
    if (saved.status !== 'exists') await afterSave(ctx, saved, p.name);
  });

  c.command('stats', async (ctx) => {
    if (!isAdmin(ctx)) return; // Not advertised to others; an unknown command for them.
    const t = feedbackTexts(ctx.uiLang);
    if (!deps.recorder?.enabled) {
      await ctx.reply(t.statsOff);
      return;
    }
    let since: Date;
    try {
      since = parseSince(ctx.match.trim() || '7d');
    } catch (err) {
      await ctx.reply(escapeHtml((err as Error).message.replace('--since', '/stats')));
      return;
    }
    const text = renderReport(buildReport(deps.recorder.read(since), since));
    for (const part of splitMessage(escapeHtml(text))) await ctx.reply(part, { parse_mode: 'HTML' });
  });

  c.command('privacy', async (ctx) => {
    await ctx.reply(feedbackTexts(ctx.uiLang).privacy.replace('{days}', String(deps.retentionDays ?? 90)), {
      parse_mode: 'HTML',
    });
  });
  return c;
}
