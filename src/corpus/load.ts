/**
 * Loading of article files from a seeds directory, with the metadata catalog and clear
 * reasons for every file that cannot be used.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { cleanArticle, type CleanedArticle } from './clean.js';
import { GUIDE_DIR, loadGuide, type GuideMeta } from './guide.js';

/** Name of the optional metadata file in a seeds directory. */
export const CATALOG_FILE = 'catalog.json';

const entrySchema = z.object({
  title: z.string().min(1).optional(),
  publisher: z.string().optional(),
  place: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});
const catalogSchema = z.record(z.string(), z.unknown());

/** Metadata of one article, from the catalog; guide pages (src/corpus/guide.ts) add `kind: 'guide'` and their front matter. */
export type ArticleMeta = z.infer<typeof entrySchema> & { kind?: 'news' | 'guide'; guide?: GuideMeta };

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

/** Result of {@link loadSeeds}. */
export interface LoadResult {
  articles: Article[];
  skipped: Skipped[];
  /** Problems with the catalog itself (the articles are still loaded). */
  warnings: string[];
}

/** Thrown when the seeds directory itself cannot be used. */
export class SeedsDirectoryError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file as UTF-8 text or says why it is not usable text. Binary data is told
 * apart from text in another encoding (e.g. GBK) so the message can say what to do.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return { reason: 'binary file (contains NUL bytes), not a text article' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > sample.length * 0.05) return { reason: 'binary file (many control bytes), not a text article' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      reason:
        'not valid UTF-8 (perhaps GBK/GB18030 or Big5); convert it first, e.g. `iconv -f GBK -t UTF-8 in.txt > out.txt`',
    };
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return { reason: 'file holds only whitespace' };
  return { text };
}

/** Options of {@link loadSeeds}. */
export interface LoadOptions {
  /** Which files are articles; default `.txt` and `.md`. */
  extensions?: string[];
}

/**
 * Reads every article file of `dir` (sorted by name) and cleans it. Unusable files are
 * reported in `skipped` and never stop the others. Throws {@link SeedsDirectoryError}
 * when the directory is missing or not a directory.
 */
export async function loadSeeds(dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const extensions = opts.extensions ?? ['.txt', '.md'];
  let names: string[];
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new SeedsDirectoryError(`Seeds path ${dir} is not a directory.`);
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof SeedsDirectoryError) throw err;
    throw new SeedsDirectoryError(`Seeds directory ${dir} cannot be read: create it and put .txt articles in it, or pass --seeds DIR.`, {
      cause: err,
    });
  }
  const warnings: string[] = [];
  const catalog = await readCatalog(dir, warnings);
  const articles: Article[] = [];
  const skipped: Skipped[] = [];
  for (const name of names.sort()) {
    if (name === CATALOG_FILE || name.startsWith('.') || name === GUIDE_DIR) continue;
    if (!extensions.some((e) => name.toLowerCase().endsWith(e))) {
      skipped.push({ source: name, reason: `not an article file (expected ${extensions.join(' or ')})` });
      continue;
    }
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      const s = await stat(path);
      if (!s.isFile()) {
        skipped.push({ source: name, reason: 'not a regular file' });
        continue;
      }
      bytes = await readFile(path);
    } catch (err) {
      skipped.push({ source: name, reason: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    const decoded = decodeText(bytes);
    if ('reason' in decoded) {
      skipped.push({ source: name, reason: decoded.reason });
      continue;
    }
    const cleaned = cleanArticle(decoded.text);
    if (cleaned.paragraphs.length === 0) {
      skipped.push({ source: name, reason: 'no article text left after cleaning (only headings, captions or noise)' });
      continue;
    }
    const metaResult = entrySchema.safeParse(catalog[name] ?? {});
    if (!metaResult.success) warnings.push(`${CATALOG_FILE}: entry "${name}" ignored: ${metaResult.error.issues[0]?.message}`);
    const meta = metaResult.success ? metaResult.data : {};
    articles.push({ source: name, title: meta.title ?? cleaned.derivedTitle, meta, raw: decoded.text, cleaned });
  }
  // The curated guide (seeds/guide/{zh,en}/*.md) is parsed by its own format, not cleaned as news.
  const guide = await loadGuide(dir);
  articles.push(...guide.articles);
  skipped.push(...guide.skipped);
  for (const key of Object.keys(catalog)) {
    if (!key.startsWith('$') && !names.includes(key)) warnings.push(`${CATALOG_FILE}: entry "${key}" names no file in ${dir}`);
  }
  return { articles, skipped, warnings };
}

async function readCatalog(dir: string, warnings: string[]): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(join(dir, CATALOG_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    return catalogSchema.parse(JSON.parse(text));
  } catch (err) {
    warnings.push(`${CATALOG_FILE} is not a valid JSON object (${(err as Error).message}); titles are derived from the texts`);
    return {};
  }
}
