/**
 * An article as the files of a generation hold it, encoded where it is prepared: its
 * passages' lines of passages.jsonl and its line of articles.jsonl as UTF-8 bytes, and
 * its part of the composer's library. Preparing threads send these instead of the
 * article and passage objects, so the thread that writes the generation only copies
 * bytes (deserialising and re-encoding every passage there was most of its memory and a
 * good share of its CPU at 100k passages, issue 11). The same function encodes articles
 * in that thread when it has objects (reused articles, `writeIndex`): same bytes.
 */
import { type LibraryPart, libraryPart } from '../answer/library-file.js';
import type { Article } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import type { StoredArticle } from './load.js';
import { encodePassage } from './passage-file.js';

/** One article, ready to be written. */
export interface EncodedArticle {
  source: string;
  title: string;
  /** sha256 of its raw text (manifest). */
  sha256: string;
  /** Its passages, written consecutively. */
  passages: number;
  /** Its passages' lines of passages.jsonl (UTF-8, each ending with a newline). */
  lines: Uint8Array;
  /** Its line of articles.jsonl (UTF-8, with the newline). */
  stored: Uint8Array;
  /** Its part of the library, labels counted from its first passage. */
  library: LibraryPart;
}

/** An article as stored in articles.jsonl: one JSON line (without the newline). */
export function storedArticleLine(a: Article): string {
  const stored: StoredArticle = {
    source: a.source,
    title: a.title,
    meta: a.meta,
    script: a.cleaned.script,
    paragraphs: a.cleaned.paragraphs.map((p) =>
      p.section === undefined ? { text: p.text } : { text: p.text, section: p.section },
    ),
  };
  return JSON.stringify(stored);
}

/**
 * Where each article's passages lie in `passages`, which holds the articles' passages one
 * article after another, in the articles' order (as splitting gives them). Throws when a
 * passage is left that follows no article.
 */
export function articleRuns<A extends { source: string }>(
  articles: readonly A[],
  passages: readonly { source: string }[],
): { article: A; from: number; to: number }[] {
  let at = 0;
  const runs = articles.map((article) => {
    const from = at;
    while (at < passages.length && passages[at].source === article.source) at++;
    return { article, from, to: at };
  });
  if (at !== passages.length)
    throw new Error(`Passage ${at} (${passages[at].source}) does not follow its article in the articles' order.`);
  return runs;
}

/** Encodes an article and its passages (in order) with their text hashes. */
export function encodeArticle(
  a: Article,
  passages: readonly Passage[],
  hashes: readonly string[],
  sha256: string,
): EncodedArticle {
  let lines = '';
  for (const [k, p] of passages.entries()) lines += `${encodePassage(p, hashes[k])}\n`;
  return {
    source: a.source,
    title: a.title,
    sha256,
    passages: passages.length,
    lines: Buffer.from(lines, 'utf8'),
    stored: Buffer.from(`${storedArticleLine(a)}\n`, 'utf8'),
    library: libraryPart(passages, [a], 0),
  };
}
