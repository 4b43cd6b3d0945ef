/**
 * Cleaning of raw, damaged news text into Simplified-Chinese paragraphs that can be
 * quoted to a user. Every repair here is a general rule about how scraped or OCR'd
 * Chinese news breaks, never a replacement tuned to one file; see the tests for the
 * real excerpts each rule was made for.
 */

import { visibleLength } from '../text/chars.js';
import { stripInvisible } from '../text/normalize.js';
import { detectScript, isHan, type Script, toHalfWidth, toSimplified } from '../text/script.js';
import { unsafeAdvice } from '../text/unsafe-advice.js';
import { undoubleDocument } from './dedouble.js';
import { splitSentences } from './split.js';

/** A body paragraph of a cleaned article. */
export interface Paragraph {
  /** Position among the body paragraphs, from 0. */
  index: number;
  text: string;
  /** Offsets of `text` in {@link CleanedArticle.text}: `text === article.text.slice(start, end)`. */
  start: number;
  end: number;
  /** The nearest heading above the paragraph, if any. */
  section?: string;
}

/** Something removed from the body, kept for transparency, the ingest summary and tests. */
export interface Dropped {
  /**
   * `trailer`: a scraped list after 相关阅读/关键词 at the end; `metadata`: a 来源/编辑 line;
   * `unsafe`: a sentence whose advice contradicts the core anti-fraud rules; `duplicate`:
   * repeats of a paragraph already in the article (text holds one copy).
   */
  kind: 'trailer' | 'caption' | 'byline' | 'noise' | 'metadata' | 'unsafe' | 'duplicate';
  text: string;
  /** Why, in words for the operator (for trailers and unsafe sentences). */
  reason?: string;
}

/** A metadata line of the article (来源：新华社), removed from the body and kept here. */
export interface MetadataLine {
  /** The label as written, Simplified: 来源, 编辑, 责任编辑, 关键词… */
  key: string;
  value: string;
}

/** Output of {@link cleanArticle}. */
export interface CleanedArticle {
  /** Body paragraphs joined by a blank line, in Simplified Chinese. */
  text: string;
  paragraphs: Paragraph[];
  /** Headings and other short title lines, in order, Simplified. */
  headings: string[];
  /** A title derived from the text (first heading, else the first sentence). */
  derivedTitle: string;
  /** Script of the article as delivered. */
  script: Script;
  /** Authors and correspondents named in bylines. */
  bylines: string[];
  /** Metadata lines (来源/编辑/记者/关键词…) removed from the body, in order. */
  metadata?: MetadataLine[];
  dropped: Dropped[];
  repairs: { doubled: boolean; pinyin: number };
}

const TERMINAL_END = /[。！？!?…][”"’」』）)]*$/u;
const CONTINUES_END = /[，、：,:（(“‘《—-]$/u;
// A line cannot start a sentence with these: it continues the previous line.
const CONTINUES_START = /^[，。、；：！？）”’》,.;:!?)的地得了着之]/u;
// A line introducing a scraped list of other headlines. What follows is cut only when it
// really is such a list up to the end of the file (see cutTrailer); otherwise only this
// line goes.
const TRAILER_START =
  /^(关键词|關鍵詞|关键字|關鍵字|相关阅读|相關閱讀|相关新闻|相關新聞|延伸阅读|延伸閱讀|相关推荐|相關推薦|推荐阅读|推薦閱讀|相关文章|相關文章|更多阅读|更多閱讀)\s*(?:[:：]\s*(.*))?$/u;
// A metadata line: removed as a line and kept as metadata, never a cut.
const METADATA_LINE =
  /^[【[（(]?\s*(来源|來源|稿源|编辑|編輯|责任编辑|責任編輯|责编|責編|编审|編審|审核|審核|审校|審校|校对|校對|监制|監製|主编|主編|策划|策劃|制作|製作|撰稿|供稿|作者|记者|記者|通讯员|通訊員|摄影|攝影|原标题|原標題|发布时间|發佈時間|發布時間|发布日期|發布日期)\s*[:：]\s*([^】\]）)]*)[】\]）)]?$/u;
/** Longest metadata line, in visible characters: a longer line is body text that happens to start so. */
const MAX_METADATA_LINE = 60;
const IMAGE_NOTE =
  /^[（(【[]?\s*(资料图片|資料圖片|图片来源|圖片來源|图片|圖片|配图|配圖|资料图|資料圖)[^）)】\]]{0,20}[）)】\]]?$/u;
const REPORTER = '(?:通讯员|通訊員|记者|記者|实习生|實習生|见习记者|見習記者|特约记者|特約記者)';
const NAME = '[\\u4e00-\\u9fff]{2,4}';
const BYLINE_LINE = new RegExp(`^${REPORTER}[\\s:：]*(${NAME}(?:[\\s、，,]+${NAME}){0,4})\\s*(摄|攝)?$`, 'u');
const BYLINE_SUFFIX = new RegExp(
  `(?<=[。！？!?”])\\s*${REPORTER}[\\s:：]*(${NAME}(?:[\\s、，,]+${NAME}){0,4})\\s*(摄|攝)?$`,
  'u',
);
const BYLINE_PREFIX = new RegExp(
  `^本报讯\\s*[（(]\\s*${REPORTER}?\\s*(${NAME}(?:[\\s、，,]+${NAME}){0,4})\\s*[）)]\\s*`,
  'u',
);
// `…的崇高精神。（念楼）`: a parenthesised author list closing a news item.
const PAREN_AUTHOR_SUFFIX = new RegExp(`(?<=[。！？!?”])\\s*[（(](${NAME}(?:[、，,\\s]+${NAME}){0,4})[）)]$`, 'u');
// `储成俊 屈希磊`: a line of two to four personal names only, near the top.
const AUTHOR_LINE = /^[\u4e00-\u9fff]{2,3}(?:[\s　]+[\u4e00-\u9fff]{2,3}){1,3}$/u;
// Pinyin in brackets after a Han character: `推進(jìn)`. Must contain a tone mark or ü,
// so that an English aside such as `(AI)` or `(app)` is never mistaken for pinyin.
const PINYIN = /(?<=[\u3400-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})[)）]/gu;
const DECORATION = /[■□●◆◇▲△★☆▶►]/gu;

/** Removes pinyin annotations; returns the text and how many were removed. */
export function stripPinyin(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(PINYIN, (m, syl: string) => {
    if (!/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/u.test(syl)) return m;
    count++;
    return '';
  });
  return { text: out, count };
}

const ASCII_ALNUM = /[A-Za-z0-9]/;

/**
 * Removes whitespace inside Chinese text (`锦 旗` → `锦旗`) but keeps one space between
 * two Latin words or numbers (`USA Today`, `20 30`).
 */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, (ws, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + ws.length] ?? '';
    return ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after) ? ' ' : '';
  });
}

const FULL_PUNCT: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/**
 * ASCII punctuation used in Chinese prose (`今年以來,無錫`) becomes the full-width form,
 * so quotes read naturally and sentence splitting sees one kind of mark. Only marks next
 * to a Han character change; `3.5`, `1,000` and English text are left alone.
 */
export function widenPunctuation(text: string): string {
  // Straight double quotes around Chinese words become curly pairs, when they pair up.
  if (/"/.test(text) && (text.match(/"/g)?.length ?? 0) % 2 === 0 && /[\u4e00-\u9fff]/u.test(text)) {
    let open = true;
    text = text.replace(/"/g, () => ((open = !open) ? '”' : '“'));
  }
  return text.replace(/[,:;!?()]/g, (p, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + 1] ?? '';
    const hanBefore = before !== '' && (isHan(before) || /[”’）》]/u.test(before));
    const hanAfter = after !== '' && (isHan(after) || /[“‘（《]/u.test(after));
    if (p === '(') return hanAfter || hanBefore ? FULL_PUNCT[p] : p;
    if (p === ')') return hanBefore ? FULL_PUNCT[p] : p;
    return hanBefore || (hanAfter && !ASCII_ALNUM.test(before)) ? FULL_PUNCT[p] : p;
  });
}

interface Unit {
  text: string;
  /** Blank lines before this line in the source. */
  blanksBefore: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** A line that reads like a heading or caption: short and without a sentence end. */
function isHeadingLike(s: string, wrapWidth: number): boolean {
  const len = visibleLength(s);
  return !TERMINAL_END.test(s) && !CONTINUES_END.test(s) && len <= 40 && len < wrapWidth * 0.8;
}

// A scraped headline: short, or cut off (no sentence end, or a trailing …/...).
const TRUNCATED = /(\.{2,}|…+)$/u;
/** Longest line read as a bare headline when it lacks a sentence end anyway. */
const MAX_HEADLINE = 40;

/**
 * A line of a scraped list after 相关阅读/关键词: a headline or a cut-off teaser (no
 * sentence end), or a metadata line. The list is cut only when every line after the
 * 相关阅读 line is such a line: one line of body text (a line ending a sentence that is
 * neither short nor cut off) anywhere after it means the article goes on, and nothing is cut.
 */
function isTrailerLine(line: string): boolean {
  const l = line.trim();
  if (l === '' || METADATA_LINE.test(l) || TRAILER_START.test(l) || TRUNCATED.test(l)) return true;
  return !TERMINAL_END.test(l) || (visibleLength(l) <= MAX_HEADLINE && !/[。]/u.test(l));
}

/**
 * For each line index i, whether lines i.. to the end are all trailer-like. Computed once
 * from the end, so that a file with many 关键词 lines stays linear.
 */
function trailerTails(lines: string[]): boolean[] {
  const tail = new Array<boolean>(lines.length + 1);
  tail[lines.length] = true;
  for (let i = lines.length - 1; i >= 0; i--) tail[i] = tail[i + 1] && isTrailerLine(lines[i]);
  return tail;
}

/**
 * Cleans one raw article. Pure and deterministic: the same input always gives the same
 * output, which the passage ids and the index cache rely on.
 */
export function cleanArticle(raw: string): CleanedArticle {
  const dropped: Dropped[] = [];
  const bylines: string[] = [];
  const metadata: MetadataLine[] = [];
  // Invisible format characters and control bytes (a NUL deep inside a file) never reach a passage.
  let text = stripInvisible(raw.replace(/\r\n?/g, '\n'));
  text = toHalfWidth(text)
    .replace(/\u00a0/g, ' ')
    .replace(DECORATION, '');
  const script = detectScript(text);
  const pinyin = stripPinyin(text);
  text = pinyin.text;
  const undoubled = undoubleDocument(text);
  text = undoubled.text;

  // Split into units (source lines) and cut a scraped trailer.
  const units: Unit[] = [];
  let blanks = 0;
  const lines = text.split('\n');
  let tails: boolean[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    // Markdown articles: heading marks and emphasis are layout, not text.
    const line = lines[i]
      .trim()
      .replace(/^#{1,6}\s+/, '')
      .replace(/\*\*(.+?)\*\*/g, '$1');
    if (line === '') {
      blanks++;
      continue;
    }
    const meta = METADATA_LINE.exec(line);
    if (meta && visibleLength(line) <= MAX_METADATA_LINE) {
      const key = toSimplified(meta[1]);
      metadata.push({ key, value: meta[2].trim() });
      if (/^(记者|通讯员|作者|摄影)$/u.test(key))
        bylines.push(...splitNames(toSimplified(meta[2])).filter((n) => new RegExp(`^${NAME}$`, 'u').test(n)));
      dropped.push({ kind: 'metadata', text: line });
      continue;
    }
    const trailer = TRAILER_START.exec(line);
    if (trailer) {
      if (trailer[2]) metadata.push({ key: toSimplified(trailer[1]), value: trailer[2].trim() });
      tails ??= trailerTails(lines);
      if (tails[i + 1]) {
        dropped.push({
          kind: 'trailer',
          text: lines.slice(i).join('\n').trim(),
          reason: `list of other headlines after “${trailer[1]}” at the end of the file`,
        });
        break;
      }
      // Followed by article text: only the line itself goes.
      dropped.push({ kind: 'metadata', text: line });
      continue;
    }
    units.push({ text: line, blanksBefore: units.length === 0 ? 0 : blanks });
    blanks = 0;
  }

  // Remove noise and bylines that stand on their own line or close one.
  const content: Unit[] = [];
  units.forEach((u, i) => {
    let simple = toSimplified(u.text);
    const byline = BYLINE_LINE.exec(simple) ?? (i < 6 && AUTHOR_LINE.test(simple) ? [simple, simple] : null);
    if (byline) {
      dropped.push({ kind: byline[2] ? 'caption' : 'byline', text: u.text });
      bylines.push(...splitNames(byline[1]));
      return;
    }
    if (IMAGE_NOTE.test(simple)) {
      dropped.push({ kind: 'noise', text: u.text });
      return;
    }
    const suffix = BYLINE_SUFFIX.exec(simple);
    if (suffix) {
      bylines.push(...splitNames(suffix[1]));
      dropped.push({ kind: suffix[2] ? 'caption' : 'byline', text: suffix[0].trim() });
      simple = simple.slice(0, suffix.index).trimEnd();
    }
    content.push({ text: simple, blanksBefore: u.blanksBefore });
  });

  // Is the document hard-wrapped (a column of short lines that continue each other)?
  // Then consecutive lines join; otherwise each line is a paragraph of its own.
  const consecutive = content.filter((u, k) => k > 0 && u.blanksBefore === 0);
  const openBefore = consecutive.filter((u) => !TERMINAL_END.test(content[content.indexOf(u) - 1].text));
  const hardWrapped = consecutive.length >= 3 && openBefore.length > consecutive.length / 2;
  const docWidth = percentile(
    content.map((u) => visibleLength(u.text)),
    0.75,
  );
  const pieces: Piece[] = [];
  for (const u of content) {
    const last = pieces[pieces.length - 1];
    if (hardWrapped && last && u.blanksBefore === 0) {
      last.text = joinText(last.text, u.text);
      last.lines++;
      last.width = Math.max(last.width, visibleLength(u.text));
      last.lastLine = u.text;
    } else {
      pieces.push({
        text: u.text,
        lines: 1,
        width: visibleLength(u.text),
        lastLine: u.text,
        blanksBefore: u.blanksBefore,
      });
    }
  }
  // Title lines: short next to the document's lines, without a sentence end. A heading
  // set over two or three short lines counts too.
  const headingLike = (p: Piece) =>
    p.lines <= 3 && !TERMINAL_END.test(p.text) && visibleLength(p.text) <= 40 && p.width < docWidth * 0.6;

  // A piece was cut mid-sentence when it lacks a sentence end and its last line runs to
  // the width of the column (the block's widest line, or the document's typical line).
  const isWrapped = (p: Piece): boolean => {
    if (TERMINAL_END.test(p.text) || headingLike(p)) return false;
    const width = p.lines >= 2 ? p.width : docWidth;
    return visibleLength(p.lastLine) >= width * 0.8;
  };
  // Join pieces into blocks: a piece continues the previous one when that one was cut
  // mid-sentence. Short title-like lines sitting between the two halves of a cut
  // sentence are figure captions: they are dropped.
  const blocks: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const cur: Piece = { ...pieces[i] };
    i++;
    while (i < pieces.length) {
      const next = pieces[i];
      const joinDirect =
        CONTINUES_END.test(cur.text) || CONTINUES_START.test(next.text) || (isWrapped(cur) && !headingLike(next));
      if (joinDirect) {
        mergePiece(cur, next);
        i++;
        continue;
      }
      if (isWrapped(cur) && headingLike(next)) {
        // Look past up to two caption-like lines for the rest of the sentence.
        let j = i;
        while (j < pieces.length && j - i < 2 && headingLike(pieces[j])) j++;
        if (j < pieces.length && j > i && !headingLike(pieces[j]) && pieces[i].blanksBefore > 0) {
          for (let k = i; k < j; k++) dropped.push({ kind: 'caption', text: pieces[k].text });
          mergePiece(cur, pieces[j]);
          i = j + 1;
          continue;
        }
      }
      break;
    }
    blocks.push(cur.text);
  }

  // Tidy each block, peel bylines off its ends, and sort headings from body text.
  const headings: string[] = [];
  const bodies: { text: string; section?: string }[] = [];
  const leading: string[] = [];
  const seenHeadings = new Map<string, number>();
  for (const b of blocks) {
    const t = widenPunctuation(collapseSpaces(b));
    seenHeadings.set(t, (seenHeadings.get(t) ?? 0) + 1);
  }
  let section: string | undefined;
  for (const b of blocks) {
    let t = b;
    for (const re of [BYLINE_PREFIX, BYLINE_SUFFIX, PAREN_AUTHOR_SUFFIX]) {
      const m = re.exec(t);
      if (m) {
        bylines.push(...splitNames(m[1]));
        dropped.push({ kind: 'byline', text: m[0].trim() });
        t = t.replace(re, '').trim();
      }
    }
    t = widenPunctuation(collapseSpaces(t));
    if (t === '') continue;
    if (isHeadingLike(t, Number.POSITIVE_INFINITY) || (/^——/u.test(t) && !TERMINAL_END.test(t))) {
      if ((seenHeadings.get(t) ?? 0) > 1) {
        // The same short line printed twice is a repeated photo caption, not a section.
        if (!dropped.some((d) => d.kind === 'caption' && d.text === t)) dropped.push({ kind: 'caption', text: t });
        continue;
      }
      headings.push(t);
      if (bodies.length === 0) leading.push(t);
      section = t;
      continue;
    }
    const safe = withoutUnsafeAdvice(t, dropped);
    if (safe !== '') bodies.push({ text: safe, section });
  }

  // A paragraph printed again (a scraper loop, a file of one line repeated 200k times)
  // adds nothing to quote and would flood the index with identical passages: one copy stays.
  const repeats = new Map<string, number>();
  const unique = bodies.filter((p) => {
    const n = repeats.get(p.text);
    repeats.set(p.text, (n ?? 0) + 1);
    return n === undefined;
  });
  for (const [text, n] of repeats) {
    if (n > 1)
      dropped.push({
        kind: 'duplicate',
        text,
        reason: `${n - 1} repeat(s) of the same paragraph (${(n - 1) * text.length} characters)`,
      });
  }
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  unique.forEach((p, index) => {
    paragraphs.push({ index, text: p.text, start: offset, end: offset + p.text.length, section: p.section });
    offset += p.text.length + 2;
  });
  const body = unique.map((p) => p.text).join('\n\n');
  return {
    text: body,
    paragraphs,
    headings,
    derivedTitle: deriveTitle(headings, leading, body),
    script,
    bylines: [...new Set(bylines)],
    metadata,
    dropped,
    repairs: { doubled: undoubled.doubled, pinyin: pinyin.count },
  };
}

/**
 * Removes the sentences of a paragraph whose advice contradicts the core anti-fraud rules
 * (a poisoned or mis-scraped file), recording each in `dropped`: the bot must never quote
 * them, least of all as advice.
 */
function withoutUnsafeAdvice(paragraph: string, dropped: Dropped[]): string {
  const sentences = splitSentences(paragraph);
  const kept = sentences.filter((sentence) => {
    const reason = unsafeAdvice(sentence);
    if (reason)
      dropped.push({ kind: 'unsafe', text: sentence, reason: `${reason}, against the core anti-fraud rules` });
    return !reason;
  });
  return kept.length === sentences.length ? paragraph : kept.join('').trim();
}

interface Piece {
  text: string;
  lines: number;
  width: number;
  lastLine: string;
  blanksBefore: number;
}

function mergePiece(into: Piece, next: Piece): void {
  into.text = joinText(into.text, next.text);
  into.lines += next.lines;
  into.width = Math.max(into.width, next.width);
  into.lastLine = next.lastLine;
}

function joinText(a: string, b: string): string {
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  return ASCII_ALNUM.test(last) && ASCII_ALNUM.test(first) ? `${a} ${b}` : a + b;
}

function splitNames(s: string): string[] {
  return s.split(/[\s、，,]+/u).filter(Boolean);
}

function deriveTitle(headings: string[], leading: string[], body: string): string {
  // A heading above the first paragraph is the title; some layouts print the title at the
  // end instead, where the longest heading is the best guess.
  const first = leading.find((h) => visibleLength(h) >= 4 && !/^[\d.%]+$/.test(h));
  if (first) {
    const sub = leading[leading.indexOf(first) + 1];
    return sub && sub.startsWith('——') ? first + sub : first;
  }
  const longest = [...headings].sort((a, b) => visibleLength(b) - visibleLength(a))[0];
  if (longest && visibleLength(longest) >= 8) return longest;
  const sentence = body.split(/(?<=[。！？])/u)[0] ?? '';
  return sentence.length > 40 ? `${sentence.slice(0, 40)}…` : sentence;
}
