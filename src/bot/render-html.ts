/**
 * Telegram HTML rendering of answers and source passages, and splitting of long messages
 * on paragraph boundaries so that no message exceeds Telegram's limit and no tag is cut.
 */
import { InlineKeyboard } from 'grammy';
import { baseLang, SOURCES_HEADING } from '../answer/i18n.js';
import { caseText, quotedInCase, withMarkers } from '../answer/render.js';
import type { Answer } from '../answer/types.js';
import { texts } from '../i18n/strings.js';
import type { Language } from '../retrieval/query.js';
import type { SourceView } from '../retrieval/sources.js';
import { toTraditional } from '../text/script.js';

/** Telegram's limit on a message's text, in UTF-16 code units. */
export const TELEGRAM_LIMIT = 4096;

/** Escapes text for Telegram HTML (the three characters it requires). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Removes tags and decodes the entities, for the plain-text fallback. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function shortQuote(text: string, max = 90): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/**
 * Splits an HTML message into parts of at most `limit` characters. Blocks (separated by
 * a blank line) are kept whole when they fit; a longer block is cut between lines, and a
 * longer line (only ever plain escaped text) between characters, never inside an entity.
 * Every block is self-contained HTML, so no tag spans two parts.
 */
export function splitMessage(html: string, limit = TELEGRAM_LIMIT): string[] {
  const pieces: string[] = [];
  for (const block of html.split('\n\n')) {
    if (block.length <= limit) {
      pieces.push(block);
      continue;
    }
    for (const line of block.split('\n')) {
      if (line.length <= limit) {
        pieces.push(line);
        continue;
      }
      // Only plain escaped text is ever this long: cut it by characters (code points),
      // never inside an entity or a surrogate pair.
      let chunk = '';
      for (const ch of htmlToPlain(line)) {
        const e = escapeHtml(ch);
        if (chunk.length + e.length > limit) {
          pieces.push(chunk);
          chunk = '';
        }
        chunk += e;
      }
      if (chunk) pieces.push(chunk);
    }
  }
  const parts: string[] = [];
  let cur = '';
  for (const p of pieces) {
    const next = cur ? `${cur}\n\n${p}` : p;
    if (next.length <= limit) cur = next;
    else {
      if (cur) parts.push(cur);
      cur = p;
    }
  }
  if (cur) parts.push(cur);
  return parts;
}

/** An answer as Telegram HTML: sections, next steps, then the sources with short quotes. */
export function renderAnswerHtml(a: Answer): string {
  if (!a.inScope) return escapeHtml(a.text);
  const lang = baseLang(a.language);
  const blocks: string[] = [];
  if (a.truncated) blocks.push(`<i>${escapeHtml(a.text.split('\n\n')[0])}</i>`);
  for (const s of a.sections) {
    const lines = s.lines.map((l) => escapeHtml(withMarkers(l)));
    if (s.kind === 'gist' || !s.heading) blocks.push(`<b>${lines.join('\n')}</b>`);
    else if (s.kind === 'case') blocks.push(`<b>${escapeHtml(s.heading)}</b>\n${escapeHtml(caseText(s.lines))}`);
    else blocks.push(`<b>${escapeHtml(s.heading)}</b>\n${lines.map((l) => `• ${l}`).join('\n')}`);
  }
  if (a.nextSteps) blocks.push(`<i>${escapeHtml(a.nextSteps)}</i>`);
  if (a.citations.length) {
    // As in the plain-text render: a guide page's items (and a case) are quoted whole in the
    // answer, so a guide page is one line listing its numbers, and a case has no quote.
    const inCase = quotedInCase(a);
    const pages = new Map<string, number[]>();
    for (const c of a.citations) if (c.kind === 'guide') pages.set(c.source, [...(pages.get(c.source) ?? []), c.n]);
    const sources = a.citations.flatMap((c) => {
      if (c.kind === 'guide') {
        const ns = pages.get(c.source) ?? [c.n];
        return ns[0] === c.n ? [`${ns.map((n) => `[${n}]`).join('')} <b>${escapeHtml(c.title)}</b>`] : [];
      }
      if (inCase.has(c.n)) return [`[${c.n}] <b>${escapeHtml(c.title)}</b>`];
      return [`[${c.n}] <b>${escapeHtml(c.title)}</b>\n<i>${escapeHtml(shortQuote(c.text))}</i>`];
    });
    const heading = a.language === 'zh-Hant' ? toTraditional(SOURCES_HEADING.zh) : SOURCES_HEADING[lang];
    blocks.push(`<b>${escapeHtml(heading)}</b>\n${sources.join('\n')}`);
  }
  return blocks.join('\n\n');
}

/** Callback data of a source button: `p:<passage id>:<s|t|e>` (well under 64 bytes). */
export function sourceCallbackData(passageId: string, lang: Language): string {
  return `p:${passageId}:${lang === 'en' ? 'e' : lang === 'zh-Hant' ? 't' : 's'}`;
}

/** Parses source-button callback data; null when it is not well-formed. */
export function parseSourceCallback(data: string): { passageId: string; lang: Language } | null {
  const m = /^p:([0-9a-f]{16}):([ste])$/.exec(data);
  if (!m) return null;
  return { passageId: m[1], lang: m[2] === 'e' ? 'en' : m[2] === 't' ? 'zh-Hant' : 'zh-Hans' };
}

/** One button per citation, three to a row. */
export function citationKeyboard(a: Answer): InlineKeyboard | undefined {
  if (!a.citations.length) return undefined;
  const kb = new InlineKeyboard();
  a.citations.forEach((c, i) => {
    kb.text(texts(a.language).sourceButton(c.n), sourceCallbackData(c.passageId, a.language));
    if (i % 3 === 2 && i < a.citations.length - 1) kb.row();
  });
  return kb;
}

/** Renders a passage view: the passage in bold inside (a window of) its paragraph. */
export function renderPassageHtml(v: SourceView, lang: Language, window = 400): string {
  const t = texts(lang);
  const from = Math.max(0, v.start - window);
  const to = Math.min(v.paragraph.length, v.end + window);
  const before = (from > 0 ? '…' : '') + v.paragraph.slice(from, v.start);
  const after = v.paragraph.slice(v.end, to) + (to < v.paragraph.length ? '…' : '');
  const meta = [v.place, v.date, v.source].filter(Boolean).join(' · ');
  const lines = [
    `<b>${escapeHtml(t.passageHeader)}</b>`,
    `${escapeHtml(t.passageFrom)}：<b>${escapeHtml(v.title)}</b>`,
    `<i>${escapeHtml(meta)}</i>`,
  ];
  if (v.section) lines.push(`§ ${escapeHtml(v.section)}`);
  return `${lines.join('\n')}\n\n${escapeHtml(before)}<b>${escapeHtml(v.paragraph.slice(v.start, v.end))}</b>${escapeHtml(after)}`;
}
