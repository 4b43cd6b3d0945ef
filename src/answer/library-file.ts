/**
 * The composer's library on disk (`library.json`, one file of the index generation,
 * checksummed by its manifest): the guide pages by section, the news cases, figures and
 * quoted advice, as {@link buildLibrary} finds them. Written at ingest because finding
 * them reads every passage: at 100k passages that took about 0.9 s of the first answer
 * (issue 11); reading this file back is one JSON.parse of a few megabytes.
 *
 * The layout is the Library with its Maps as arrays of entries; passages are referred to
 * by label, never copied, except the sentence texts the composer quotes and matches on.
 */
import { writeFile } from 'node:fs/promises';
import type { GuideLang, GuideMeta } from '../corpus/guide.js';
import type { Passage } from '../corpus/split.js';
import {
  buildLibrary,
  type GuideEntry,
  type Library,
  type LibraryArticle,
  type NewsCase,
  type NewsSentence,
} from './compose.js';

/** Bump when the meaning or layout of the file changes (an older file is then refused). */
const LIBRARY_VERSION = 1;

interface LibraryFile {
  version: number;
  pages: [page: string, langs: [lang: GuideLang, meta: GuideMeta, sections: [string, GuideEntry[]][]][]][];
  cases: NewsCase[];
  figures: NewsSentence[];
  advice: NewsSentence[];
  articles: LibraryArticle[];
  guideSources: [source: string, meta: GuideMeta][];
}

/** The library as the text of its file. */
export function encodeLibrary(lib: Library): string {
  const file: LibraryFile = {
    version: LIBRARY_VERSION,
    pages: [...lib.pages].map(([page, langs]) => [
      page,
      Object.entries(langs).map(([lang, idx]) => [lang as GuideLang, idx.meta, [...idx.sections]]),
    ]),
    cases: lib.cases,
    figures: lib.figures,
    advice: lib.advice,
    // Only what the library keeps of an article: callers may hold whole ones (texts and all).
    articles: [...lib.articles.values()].map(({ source, title, meta }) => ({ source, title, meta })),
    guideSources: [...lib.guideSources],
  };
  return JSON.stringify(file);
}

/**
 * Reads {@link encodeLibrary}'s text back; `passage` serves the labels it refers to.
 * Throws when the text is not a library file of this version.
 */
export function decodeLibrary(text: string, passage: (label: number) => Passage): Library {
  const file = JSON.parse(text) as LibraryFile;
  if (file?.version !== LIBRARY_VERSION)
    throw new Error(`Not a library file of version ${LIBRARY_VERSION} (version ${file?.version}).`);
  const pages: Library['pages'] = new Map();
  for (const [page, langs] of file.pages) {
    const entry: Partial<Record<GuideLang, { meta: GuideMeta; sections: Map<string, GuideEntry[]> }>> = {};
    for (const [lang, meta, sections] of langs) entry[lang] = { meta, sections: new Map(sections) };
    pages.set(page, entry);
  }
  return {
    passage,
    pages,
    cases: file.cases,
    figures: file.figures,
    advice: file.advice,
    articles: new Map(file.articles.map((a) => [a.source, a])),
    guideSources: new Map(file.guideSources),
  };
}

/** Builds the library of an index being written and writes it to `path`. */
export async function writeLibrary(
  path: string,
  passages: readonly Passage[],
  articles: readonly LibraryArticle[],
): Promise<void> {
  await writeFile(path, encodeLibrary(buildLibrary(passages, articles)));
}
