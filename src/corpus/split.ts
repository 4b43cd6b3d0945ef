/**
 * Chinese-aware splitting of cleaned articles into quotable passages.
 *
 * LangChain's RecursiveCharacterTextSplitter cuts on separators by size and can break a
 * sentence anywhere; our passages are what the bot quotes to a person, so they must be
 * whole sentences with exact offsets back into the article. Sentence segmentation of
 * Chinese is a single regular expression, so it is written here.
 */
import { createHash } from 'node:crypto';
import type { CleanedArticle } from './clean.js';

/** Default upper bound of a passage, in characters (code points). */
export const DEFAULT_MAX_PASSAGE = 200;

/** A quotable passage of an article. */
export interface Passage {
  /** Stable id: a hash of the source file name and the passage text. */
  id: string;
  text: string;
  source: string;
  title: string;
  paragraphIndex: number;
  /** Offsets into the cleaned article text: `article.text.slice(start, end) === text`. */
  start: number;
  end: number;
  section?: string;
  /** 'guide' for passages of the curated guide, 'news' for articles (set when the index is loaded). */
  kind?: 'guide' | 'news';
}

// A sentence runs to its end mark (。！？；… possibly repeated, e.g. ！？ or ……) and any
// closing quotes or brackets that follow it.
const SENTENCE = /[^。！？；!?;…]*(?:[。！？；!?;]+|…+)[”’」』）)"']*|[^。！？；!?;…]+$/gu;

/** Splits text into sentences; the sentences concatenate back to the input exactly. */
export function splitSentences(text: string): string[] {
  const out = text.match(SENTENCE) ?? [];
  return out.filter((s) => s.length > 0);
}

function len(s: string): number {
  return s.length;
}

/**
 * Cuts an over-long sentence at clause marks (，、：) so that each piece fits `max`;
 * a clause longer than `max` on its own is cut hard.
 */
function cutLongSentence(sentence: string, max: number): string[] {
  const clauses = sentence.match(/[^，、：,:]*[，、：,:]+|[^，、：,:]+$/gu) ?? [sentence];
  const pieces: string[] = [];
  let cur = '';
  for (const c of clauses) {
    if (len(cur) + len(c) <= max) {
      cur += c;
      continue;
    }
    if (cur) pieces.push(cur);
    cur = '';
    let rest = c;
    while (len(rest) > max) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    cur = rest;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/** Options of {@link splitArticle}. */
export interface SplitOptions {
  /** Largest passage in characters; default {@link DEFAULT_MAX_PASSAGE}. */
  maxChars?: number;
  /** Most sentences in one passage; default 3. */
  maxSentences?: number;
}

/** Stable passage id from the source name and the passage text. */
export function passageId(source: string, text: string): string {
  return createHash('sha256').update(`${source}\n${text}`).digest('hex').slice(0, 16);
}

/**
 * Groups each paragraph's sentences into passages of 1–3 sentences and at most
 * `maxChars` characters, never crossing a paragraph. Passages of a paragraph
 * concatenate back to the paragraph exactly.
 */
export function splitArticle(
  article: CleanedArticle,
  source: string,
  title: string,
  opts: SplitOptions = {},
): Passage[] {
  const max = opts.maxChars ?? DEFAULT_MAX_PASSAGE;
  const maxSentences = opts.maxSentences ?? 3;
  const passages: Passage[] = [];
  const seen = new Map<string, number>();
  for (const para of article.paragraphs) {
    const units = splitSentences(para.text).flatMap((s) => (len(s) > max ? cutLongSentence(s, max) : [s]));
    let offset = para.start;
    let group: string[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const text = group.join('');
      const n = seen.get(text) ?? 0;
      seen.set(text, n + 1);
      passages.push({
        id: passageId(source, n === 0 ? text : `${text}\n#${n}`),
        text,
        source,
        title,
        paragraphIndex: para.index,
        start: offset,
        end: offset + text.length,
        section: para.section,
      });
      offset += text.length;
      group = [];
    };
    for (const u of units) {
      if (group.length > 0 && (group.length >= maxSentences || len(group.join('')) + len(u) > max)) flush();
      group.push(u);
    }
    flush();
  }
  return passages;
}
