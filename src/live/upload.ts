/**
 * Articles and guide pages sent to the bot by an admin: validated the way ingestion
 * validates files (UTF-8 text, not binary, not empty, a size limit, some article text
 * left after cleaning), then saved into the seeds directory. An existing file is never
 * overwritten unless the caller says so (the bot asks with a confirmation button).
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { cleanArticle } from '../corpus/clean.js';
import { decodeText } from '../corpus/load.js';

/** Largest article accepted from the bot. Long reports are ~30 KB; 1 MB leaves ample room. */
export const MAX_UPLOAD_BYTES = 1_000_000;
const EXTENSIONS = new Set(['.txt', '.md']);

/** Outcome of {@link saveUpload}. */
export type UploadResult =
  | { status: 'saved'; path: string; kind: 'news' | 'guide'; replaced: boolean }
  | { status: 'exists'; name: string }
  | { status: 'invalid'; reason: string };

/** A safe file name: the base name, with characters other than letters, digits, CJK, `._-` replaced. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/gu, '/')).normalize('NFC');
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/u, '');
  return cleaned.slice(0, 120) || 'article.txt';
}

/** Guide pages are recognised by their front matter (see seeds/guide/README.md). */
function guideLang(text: string): 'zh' | 'en' | undefined {
  const fm = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/u.exec(text);
  if (!fm || !/^topic:\s*\S/mu.test(fm[1])) return undefined;
  return /^lang:\s*en\b/mu.test(fm[1]) ? 'en' : 'zh';
}

/** Checks an uploaded file; returns its text or the reason it cannot be used. */
export function validateUpload(name: string, bytes: Uint8Array): { text: string } | { reason: string } {
  const ext = extname(name).toLowerCase();
  if (!EXTENSIONS.has(ext)) return { reason: `only .txt and .md files are accepted (got "${ext || 'no extension'}")` };
  if (bytes.length > MAX_UPLOAD_BYTES)
    return { reason: `file is ${(bytes.length / 1e6).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1e6} MB` };
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return decoded;
  if (!guideLang(decoded.text) && cleanArticle(decoded.text).text.trim().length === 0)
    return { reason: 'no article text left after cleaning' };
  return decoded;
}

/** Validates and saves an upload into `seedsDir` (guide pages into seeds/guide/<lang>/). */
export async function saveUpload(
  seedsDir: string,
  name: string,
  bytes: Uint8Array,
  opts: { overwrite?: boolean } = {},
): Promise<UploadResult> {
  const file = safeFileName(name);
  const checked = validateUpload(file, bytes);
  if ('reason' in checked) return { status: 'invalid', reason: checked.reason };
  const lang = guideLang(checked.text);
  const dir = lang ? join(seedsDir, 'guide', lang) : seedsDir;
  const path = join(dir, file);
  const replaced = existsSync(path);
  if (replaced && !opts.overwrite) return { status: 'exists', name: file };
  await mkdir(dir, { recursive: true });
  // Written beside and renamed, so the watcher and a rebuild never read half a file.
  const tmp = join(dir, `.${file}.upload-${process.pid}`);
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  return { status: 'saved', path, kind: lang ? 'guide' : 'news', replaced };
}
