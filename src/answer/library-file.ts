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
export function encodeLibrary(lib: LibraryPart): string {
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

/** A library without its passage lookup: plain data, built where passages are prepared (worker threads) and merged where they are written. */
export type LibraryPart = Omit<Library, 'passage'>;

/** The library of whole articles and their passages, which lie at labels `firstLabel`… */
export function libraryPart(
  passages: readonly Passage[],
  articles: readonly LibraryArticle[],
  firstLabel = 0,
): LibraryPart {
  const { passage: _, ...part } = buildLibrary(
    passages,
    articles.map(({ source, title, meta }) => ({ source, title, meta })),
    firstLabel,
  );
  return part;
}

/** Moves a part's labels by `by` (a part built at 0 placed where its passages lie). */
export function shiftLibrary(part: LibraryPart, by: number): LibraryPart {
  if (by === 0) return part;
  for (const langs of part.pages.values())
    for (const idx of Object.values(langs))
      for (const entries of idx?.sections.values() ?? []) for (const e of entries) e.label += by;
  for (const c of part.cases) for (const l of c.lines) l.label += by;
  for (const f of part.figures) f.label += by;
  for (const a of part.advice) a.label += by;
  return part;
}

/**
 * Adds the library of later passages (labels after all of `lib`'s) to `lib`: what
 * {@link buildLibrary} finds over both, since it finds cases, figures and advice article
 * by article in label order, and indexes guide entries by page, language and section in
 * label order (the entries of a page's section are appended, its first metadata kept).
 */
export function mergeLibrary(lib: LibraryPart, later: LibraryPart): void {
  for (const [page, langs] of later.pages) {
    const into = lib.pages.get(page);
    if (!into) {
      lib.pages.set(page, langs);
      continue;
    }
    for (const [lang, idx] of Object.entries(langs) as [GuideLang, NonNullable<(typeof langs)[GuideLang]>][]) {
      const mine = into[lang];
      if (!mine) {
        into[lang] = idx;
        continue;
      }
      for (const [section, entries] of idx.sections) {
        const list = mine.sections.get(section);
        if (list) list.push(...entries);
        else mine.sections.set(section, entries);
      }
    }
  }
  lib.cases.push(...later.cases);
  lib.figures.push(...later.figures);
  lib.advice.push(...later.advice);
  for (const [k, v] of later.articles) lib.articles.set(k, v);
  for (const [k, v] of later.guideSources) lib.guideSources.set(k, v);
}

/**
 * The library of an index being written batch by batch, in label order: the same file as
 * {@link buildLibrary} over all passages, without holding them all.
 */
export class LibraryBuilder {
  private readonly lib: Library = buildLibrary([], []);

  /** Adds the part of the next articles (its labels already where they lie). */
  addPart(part: LibraryPart): void {
    mergeLibrary(this.lib, part);
  }

  /** The text of the library file. */
  encode(): string {
    return encodeLibrary(this.lib);
  }
}
