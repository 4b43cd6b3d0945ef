/**
 * Loading of article files from a seeds directory, with the metadata catalog and clear
 * reasons for every file that cannot be used.
 */
import { readFileSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { CATALOG_FILE, type CatalogEntry, type CheckedCatalog } from './catalog-types.js';
import { type CleanedArticle, cleanArticle, type Dropped } from './clean.js';
import { GUIDE_DIR, type GuideMeta, loadGuide } from './guide.js';

export { CATALOG_FILE };

/** Metadata of one article, from the catalog; guide pages (src/corpus/guide.ts) add `kind: 'guide'` and their front matter. */
export type ArticleMeta = CatalogEntry & { kind?: 'news' | 'guide'; guide?: GuideMeta };

/** A loaded, cleaned article. */
export interface Article {
  /** File name inside the seeds directory: the citation's source. */
  source: string;
  title: string;
  meta: ArticleMeta;
  /** The raw file as delivered (UTF-8 text). */
  raw: string;
  cleaned: CleanedArticle;
}

/** A file that was not ingested, and why, in words for the operator. */
export interface Skipped {
  source: string;
  reason: string;
}

/** Text removed from an ingested article that the operator must hear about. */
export interface DropReport {
  source: string;
  kind: Dropped['kind'];
  reason: string;
  /** Size of what was removed. */
  chars: number;
  lines: number;
  /** The start of the removed text, to recognise it. */
  excerpt: string;
}

/** Kinds of removal reported whatever their size; other removals only beyond one line. */
const ALWAYS_REPORTED: ReadonlySet<Dropped['kind']> = new Set(['trailer', 'unsafe', 'duplicate']);

/** The removals of `cleaned` worth reporting: every drop of more than a line, every unsafe sentence, trailer and repeat. */
export function reportDrops(source: string, cleaned: CleanedArticle): DropReport[] {
  return cleaned.dropped
    .filter((d) => ALWAYS_REPORTED.has(d.kind) || d.text.trim().includes('\n'))
    .map((d) => ({
      source,
      kind: d.kind,
      reason: d.reason ?? d.kind,
      chars: d.text.length,
      lines: d.text.trim().split('\n').length,
      excerpt: d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text,
    }));
}

/** Result of {@link loadSeeds}. */
export interface LoadResult {
  articles: Article[];
  skipped: Skipped[];
  /** Text removed from ingested articles beyond single metadata lines, with sizes. */
  dropped: DropReport[];
  /** Problems with the catalog itself (the articles are still loaded). */
  warnings: string[];
}

/** Thrown when the seeds directory itself cannot be used. */
export class SeedsDirectoryError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How many bytes are inspected to tell text from binary data. */
const SNIFF_BYTES = 8192;
/** Share of control bytes above which a file is binary rather than text. */
const MAX_CONTROL_SHARE = 0.05;
/** Share of NUL bytes at odd (or even) positions that marks UTF-16 text without a BOM. */
const UTF16_NUL_SHARE = 0.3;

/** Sees UTF-16 by its BOM or, without one, by NULs in every other byte (ASCII-heavy text). */
function utf16Kind(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, SNIFF_BYTES & ~1);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++;
  const half = sample.length / 2;
  if (half >= 2 && oddNul > half * UTF16_NUL_SHARE && evenNul === 0) return 'utf-16le';
  if (half >= 2 && evenNul > half * UTF16_NUL_SHARE && oddNul === 0) return 'utf-16be';
  return null;
}

/**
 * Decodes a file as text or says why it is not usable text. UTF-8 (with or without BOM)
 * and UTF-16 (by BOM, or by its NUL pattern) are decoded; binary data is told apart from
 * text in another encoding (e.g. GBK) so the message can say what to do. A stray NUL or
 * control byte after the first {@link SNIFF_BYTES} bytes does not reject the file; cleaning
 * removes it.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  const wide = utf16Kind(bytes);
  if (wide) {
    let text: string;
    try {
      text = new TextDecoder(wide, { fatal: true }).decode(bytes);
    } catch {
      return { reason: `looks like ${wide.toUpperCase()} but does not decode; save it as UTF-8` };
    }
    text = text.replace(/^\uFEFF/, '');
    return text.trim() === '' ? { reason: 'file holds only whitespace' } : { text, encoding: wide };
  }
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  // An indexed loop: for...of over the bytes allocated an iterator result per byte here
  // (the largest allocation of a whole ingest, measured).
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) return { reason: 'binary file (contains NUL bytes), not a text article' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > sample.length * MAX_CONTROL_SHARE)
    return { reason: 'binary file (many control bytes), not a text article' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      reason:
        'not valid UTF-8 (perhaps GBK/GB18030 or Big5); convert it first, e.g. `iconv -f GBK -t UTF-8 in.txt > out.txt`',
    };
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { reason: 'file holds only whitespace' };
  return { text, encoding: 'utf-8' };
}

/** An entry of a seeds directory: a readable regular file inside it, or why not. */
export type SeedEntry = { name: string; path: string } | { name: string; path: string; skip: string };

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Lists the entries of `dir` (sorted, hidden files and the catalog left out) and checks
 * each on its own: a symbolic link must resolve to a regular file inside the directory
 * (an operator's link to /etc/passwd is never an article); a dangling link, a link loop or
 * an unreadable entry is skipped with its reason instead of failing the whole directory.
 * Shared by loading and the corpus fingerprint, so both see the same files.
 */
export async function listSeedEntries(dir: string, only?: (name: string) => boolean): Promise<SeedEntry[]> {
  const root = await realpath(dir);
  // `only` filters before any stat: a worker preparing 80 of 2,500 files must not stat all
  // of them (that was a tenth of ingest CPU at 100k passages).
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter(
      (e) => e.name !== CATALOG_FILE && !e.name.startsWith('.') && (!only || e.name === GUIDE_DIR || only(e.name)),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: SeedEntry[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const path = join(dir, name);
    // A regular file (its directory entry says so, and it is no link) needs no lstat or
    // stat: 5k system calls awaited one by one were ~0.2 s of every start at 100k passages.
    if (entry.isFile()) {
      out.push({ name, path });
      continue;
    }
    try {
      const l = await lstat(path);
      if (l.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(path);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          out.push({
            name,
            path,
            skip:
              code === 'ELOOP'
                ? 'symbolic link loop'
                : code === 'ENOENT'
                  ? 'broken symbolic link (its target does not exist)'
                  : `symbolic link cannot be resolved (${code})`,
          });
          continue;
        }
        if (!isInside(root, target)) {
          out.push({ name, path, skip: `symbolic link to ${target}, outside the seeds directory: refused` });
          continue;
        }
      }
      const s = await stat(path);
      if (!s.isFile()) {
        out.push({ name, path, skip: 'not a regular file' });
        continue;
      }
      out.push({ name, path });
    } catch (err) {
      out.push({
        name,
        path,
        skip: `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
    }
  }
  return out;
}

/** Options of {@link loadSeeds}. */
export interface LoadOptions {
  /** Which files are articles; default `.txt` and `.md`. */
  extensions?: string[];
  /** Only entries whose name passes are read (others are left out silently): for splitting the work, e.g. over worker threads. */
  only?: (name: string) => boolean;
  /** Whether to load the guide too; default true. */
  guide?: boolean;
  /** The directory's catalog, read and checked by the caller; default: read here (catalog.ts). */
  catalog?: CheckedCatalog;
}

/**
 * Reads every article file of `dir` (sorted by name) and cleans it. Unusable files are
 * reported in `skipped` and never stop the others. Throws {@link SeedsDirectoryError}
 * when the directory is missing or not a directory.
 */
export async function loadSeeds(dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const extensions = opts.extensions ?? ['.txt', '.md'];
  let entries: SeedEntry[];
  try {
    const s = await stat(dir);
    if (!s.isDirectory())
      throw new SeedsDirectoryError(
        `Seeds path ${dir} is not a directory: point it to the directory of .txt articles.`,
      );
    entries = await listSeedEntries(dir, opts.only);
  } catch (err) {
    if (err instanceof SeedsDirectoryError) throw err;
    throw new SeedsDirectoryError(
      `Seeds directory ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): create it and put .txt articles in it.`,
      { cause: err },
    );
  }
  // Checking the catalog loads zod: done here only when the caller has not done it.
  const catalog = opts.catalog ?? (await (await import('./catalog.js')).readCatalog(dir));
  const warnings: string[] = [...catalog.warnings];
  const articles: Article[] = [];
  const skipped: Skipped[] = [];
  const dropped: DropReport[] = [];
  for (const entry of entries) {
    const name = entry.name;
    if (name === GUIDE_DIR || (opts.only && !opts.only(name))) continue;
    if (!extensions.some((e) => name.toLowerCase().endsWith(e))) {
      // Directories (guide/) are not articles; a file with another extension is worth naming.
      if (!('skip' in entry && entry.skip === 'not a regular file')) {
        skipped.push({
          source: name,
          reason: 'skip' in entry ? entry.skip : `not an article file (expected ${extensions.join(' or ')})`,
        });
      }
      continue;
    }
    if ('skip' in entry) {
      skipped.push({ source: name, reason: entry.skip });
      continue;
    }
    let bytes: Buffer;
    try {
      // Read synchronously: fs/promises' readFile cost ~0.17 ms of CPU per article file
      // here (open, stat, read, close each a trip through the thread pool), readFileSync
      // 0.02 ms (measured on 2,539 files); cleaning the file blocks this thread far longer.
      bytes = readFileSync(entry.path);
    } catch (err) {
      skipped.push({
        source: name,
        reason: `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
      continue;
    }
    const decoded = decodeText(bytes);
    if ('reason' in decoded) {
      skipped.push({ source: name, reason: decoded.reason });
      continue;
    }
    if (decoded.encoding !== 'utf-8')
      warnings.push(`${name}: decoded as ${decoded.encoding.toUpperCase()}; saving it as UTF-8 is recommended`);
    const cleaned = cleanArticle(decoded.text);
    dropped.push(...reportDrops(name, cleaned));
    if (cleaned.paragraphs.length === 0) {
      skipped.push({
        source: name,
        reason: 'no article text left after cleaning (only headings, captions, metadata or noise)',
      });
      continue;
    }
    const invalid = catalog.invalid[name];
    if (invalid !== undefined) warnings.push(`${CATALOG_FILE}: entry "${name}" ignored: ${invalid}`);
    const meta: ArticleMeta = { ...(catalog.entries[name] ?? {}) };
    articles.push({ source: name, title: meta.title ?? cleaned.derivedTitle, meta, raw: decoded.text, cleaned });
  }
  // The curated guide (seeds/guide/{zh,en}/*.md) is parsed by its own format, not cleaned as news.
  const guide = opts.guide === false ? { articles: [], skipped: [] } : await loadGuide(dir);
  articles.push(...guide.articles);
  skipped.push(...guide.skipped);
  // With `only`, the listing holds this part's files alone: the catalog is checked against
  // the whole directory (names only, one call), as without it.
  const names = new Set(catalog.keys.length === 0 ? [] : opts.only ? await readdir(dir) : entries.map((e) => e.name));
  for (const key of catalog.keys) {
    if (!key.startsWith('$') && !names.has(key))
      warnings.push(`${CATALOG_FILE}: entry "${key}" names no file in ${dir}`);
  }
  return { articles, skipped, dropped, warnings };
}
