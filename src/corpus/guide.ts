/**
 * The curated anti-fraud guide (seeds/guide/{zh,en}/<id>.md): pages written in our own
 * words from official guidance, edited by operators as data. Each page is parsed into one
 * quotable item per list item or paragraph, so that any item can be cited alone; the page
 * becomes an {@link Article} whose paragraphs are those items (section = the section id),
 * which the ordinary splitter turns into one passage per item.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, Skipped } from './load.js';

/** Where the guide lives inside a seeds directory. */
export const GUIDE_DIR = 'guide';
/** Language folders of the guide and the language each holds. */
export const GUIDE_LANGS = { zh: 'zh-Hans', en: 'en' } as const;

/** Language of a guide page. */
export type GuideLang = (typeof GUIDE_LANGS)[keyof typeof GUIDE_LANGS];

/** Front matter of a guide page, plus the headings of its sections. */
export interface GuideMeta {
  /** Page id (the file name without .md), e.g. `fake-loan` or `after-scammed`. */
  page: string;
  topic: 'scam-type' | 'situation';
  /** Scam-type pages: the taxonomy id. */
  scamType?: string;
  /** Situation pages: victims | elderly | students | finance | general. */
  audience?: string;
  lang: GuideLang;
  /** The page's own title, e.g. 虚假贷款. */
  pageTitle: string;
  sources: { name: string; url?: string }[];
  updated?: string;
  /** Section id → heading as written on the page. */
  sections: Record<string, string>;
}

/** One quotable item of a page. */
export interface GuideItem {
  /** Section id: how | flags | todo | rule | steps | facts. */
  section: string;
  text: string;
}

/** A parsed guide page. */
export interface GuidePage {
  meta: GuideMeta;
  items: GuideItem[];
}

/** Citation title of a guide page in its language. */
export function guideTitle(pageTitle: string, lang: GuideLang): string {
  return lang === 'en' ? `Anti-Fraud Assistant Guide · ${pageTitle}` : `反诈助手防骗指南 · ${pageTitle}`;
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/u, '$2');

/** The YAML subset of the front matter: `key: value` scalars and a `key:` list of `- a: b` maps. */
function parseFrontMatter(text: string, file: string): Record<string, string | Record<string, string>[]> {
  const data: Record<string, string | Record<string, string>[]> = {};
  let list: Record<string, string>[] | null = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = line.match(/^\s+-\s+(\w+):\s*(.*)$/u);
    const cont = line.match(/^\s{3,}(\w+):\s*(.*)$/u);
    const top = line.match(/^(\w+):\s*(.*)$/u);
    if (item && list) list.push({ [item[1]]: unquote(item[2]) });
    else if (cont && list?.length) list[list.length - 1][cont[1]] = unquote(cont[2]);
    else if (top) {
      const value = top[2].replace(/\s+#.*$/u, '');
      if (value === '') data[top[1]] = list = [];
      else {
        data[top[1]] = unquote(value);
        list = null;
      }
    } else throw new Error(`${file}: front matter line not understood: ${line}`);
  }
  return data;
}

/**
 * Parses one guide page. Throws an Error naming the file and the problem when the page
 * lacks front matter, an id, a title or sections.
 */
export function parseGuidePage(text: string, file: string): GuidePage {
  const m = text
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n')
    .match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/u);
  if (!m) throw new Error(`${file}: no front matter (--- … ---) at the top`);
  const fm = parseFrontMatter(m[1], file);
  const str = (k: string) => (typeof fm[k] === 'string' ? (fm[k] as string) : undefined);
  const page = str('id');
  const title = str('title');
  const lang = str('lang');
  if (!page || !title) throw new Error(`${file}: front matter needs id and title`);
  if (lang !== 'zh-Hans' && lang !== 'en') throw new Error(`${file}: lang must be zh-Hans or en, not ${lang}`);
  const topic = str('topic') === 'situation' ? 'situation' : 'scam-type';
  const sections: Record<string, string> = {};
  const items: GuideItem[] = [];
  let current: string | undefined;
  for (const line of m[2].split('\n')) {
    const h = line.match(/^##\s+(.+?)\s+\{#([a-z-]+)\}\s*$/u);
    if (h) {
      current = h[2];
      sections[current] = h[1].trim();
      continue;
    }
    if (!line.trim() || line.startsWith('#') || !current) continue;
    const t = line.replace(/^\s*(?:\d+\.|[-*])\s+/u, '').trim();
    if (t) items.push({ section: current, text: t });
  }
  if (items.length === 0) throw new Error(`${file}: no sections with items (## Heading {#id})`);
  const sources = Array.isArray(fm.sources) ? fm.sources.map((s) => ({ name: s.name ?? '', url: s.url })) : [];
  return {
    meta: {
      page,
      topic,
      scamType: str('scamType'),
      audience: str('audience'),
      lang,
      pageTitle: title,
      sources,
      updated: str('updated'),
      sections,
    },
    items,
  };
}

/**
 * A guide page as an article: one paragraph per item, each paragraph's `section` the
 * section id, metadata `kind: 'guide'` with the page's front matter.
 */
export function guideArticle(page: GuidePage, source: string, raw: string): Article {
  const paragraphs: Article['cleaned']['paragraphs'] = [];
  let offset = 0;
  page.items.forEach((it, index) => {
    paragraphs.push({ index, text: it.text, start: offset, end: offset + it.text.length, section: it.section });
    offset += it.text.length + 2;
  });
  const title = guideTitle(page.meta.pageTitle, page.meta.lang);
  return {
    source,
    title,
    meta: { title, publisher: '反诈助手', date: page.meta.updated, kind: 'guide', guide: page.meta },
    raw,
    cleaned: {
      text: paragraphs.map((p) => p.text).join('\n\n'),
      paragraphs,
      headings: Object.values(page.meta.sections),
      derivedTitle: title,
      script: page.meta.lang === 'en' ? 'latin' : 'simplified',
      bylines: [],
      dropped: [],
      repairs: { doubled: false, pinyin: 0 },
    },
  };
}

/** The guide's files under a seeds directory, as `guide/<lang>/<id>.md` paths (sorted). */
export async function guideFiles(seedsDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of Object.keys(GUIDE_LANGS)) {
    let names: string[];
    try {
      names = await readdir(join(seedsDir, GUIDE_DIR, dir));
    } catch {
      continue; // no guide in this language
    }
    for (const n of names.sort()) {
      if (!n.endsWith('.md') || n.startsWith('.')) continue;
      const rel = `${GUIDE_DIR}/${dir}/${n}`;
      if ((await stat(join(seedsDir, rel))).isFile()) out.push(rel);
    }
  }
  return out;
}

/** Loads every guide page of a seeds directory; broken pages are skipped with the reason. */
export async function loadGuide(seedsDir: string): Promise<{ articles: Article[]; skipped: Skipped[] }> {
  const articles: Article[] = [];
  const skipped: Skipped[] = [];
  for (const rel of await guideFiles(seedsDir)) {
    try {
      const raw = await readFile(join(seedsDir, rel), 'utf8');
      articles.push(guideArticle(parseGuidePage(raw, rel), rel, raw));
    } catch (err) {
      skipped.push({ source: rel, reason: `guide page not usable: ${(err as Error).message}` });
    }
  }
  return { articles, skipped };
}
