/**
 * Ingestion: seeds directory → cleaned articles → passages → persisted index, skipping
 * all work when the corpus has not changed since the live index was built.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { guideFiles } from '../corpus/guide.js';
import { loadSeeds, type Article, type Skipped } from '../corpus/load.js';
import { splitArticle, type Passage, type SplitOptions } from '../corpus/split.js';
import type { Embedder } from './embedders.js';
import { lockDataDir, type DataDirLock } from './generations.js';
import { IndexError, loadIndex, writeIndex, type BuildOptions, type LoadedIndex } from './store.js';

/**
 * Version of the cleaning and splitting code. Part of the corpus fingerprint, so that a
 * change to how text is cleaned rebuilds existing indexes. Bump with such changes.
 */
export const PIPELINE_VERSION = 2;

/**
 * Fingerprint of everything an index is built from: file names and bytes of the seeds
 * directory, the pipeline version, the embedder and the split options. Reading bytes is
 * much cheaper than cleaning them, so a start-up check costs milliseconds.
 */
export async function corpusFingerprint(seedsDir: string, embedderId: string, split: SplitOptions = {}): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ PIPELINE_VERSION, embedderId, split }));
  for (const name of (await readdir(seedsDir)).sort()) {
    const path = join(seedsDir, name);
    if (name.startsWith('.') || !(await stat(path)).isFile()) continue;
    h.update(`\n${name}\n`);
    h.update(await readFile(path));
  }
  // Guide pages live in seeds/guide/{zh,en}/ (src/corpus/guide.ts): edits to them rebuild too.
  for (const rel of await guideFiles(seedsDir)) {
    h.update(`\n${rel}\n`);
    h.update(await readFile(join(seedsDir, rel)));
  }
  return h.digest('hex');
}

/** What an ingestion did, for the CLI summary and logs. */
export interface IngestReport {
  /** True when the live index already matched the corpus and nothing was rebuilt. */
  upToDate: boolean;
  /** Why a build happened (missing, stale, corrupt...). */
  reason?: string;
  articles: number;
  passages: number;
  embedded: number;
  reused: number;
  skipped: Skipped[];
  warnings: string[];
  ms: number;
}

/** Options of {@link ensureIndex}. */
export interface EnsureOptions extends Pick<BuildOptions, 'onProgress' | 'onStage' | 'hnsw'> {
  seedsDir: string;
  outDir: string;
  embedder: Embedder;
  split?: SplitOptions;
  /** Rebuild even when the index is up to date. */
  force?: boolean;
  /** How long to wait while another process builds in `outDir`; default 60 s. */
  lockWaitMs?: number;
}

/** Marks passages of guide pages 'guide' and all others 'news' (citations differ). */
export function withKind(passages: Passage[], a: Article): Passage[] {
  const kind = a.meta.kind === 'guide' ? 'guide' : 'news';
  for (const p of passages) p.kind = kind;
  return passages;
}

/** Thrown when no article could be ingested and there is no index to fall back on. */
export class NoArticlesError extends Error {}

/**
 * Returns a verified index that matches the seeds, building it when it is missing,
 * stale, built with another embedder, or damaged. A build that yields no article keeps
 * the existing index (with a warning) rather than replacing it with an empty one.
 */
export async function ensureIndex(opts: EnsureOptions): Promise<{ index: LoadedIndex; report: IngestReport }> {
  const t0 = performance.now();
  const quick = await checkIndex(opts, t0);
  if ('index' in quick) return quick;
  // A build is needed: take the lock, then look again, since the build another process was
  // running while we waited may be exactly the one we need.
  const lock = await lockDataDir(opts.outDir, { waitMs: opts.lockWaitMs });
  try {
    const again = await checkIndex(opts, t0);
    if ('index' in again) return again;
    return await build(opts, t0, again, lock);
  } finally {
    await lock.release();
  }
}

type Checked = { index: LoadedIndex; report: IngestReport } | { fingerprint: string; previous?: LoadedIndex; reason: string };

/** The live index when it matches the seeds; else what a build needs to know. */
async function checkIndex(opts: EnsureOptions, t0: number): Promise<Checked> {
  const fingerprint = await corpusFingerprint(opts.seedsDir, opts.embedder.id, opts.split).catch((err: unknown) => {
    throw new NoArticlesError(`Seeds directory ${opts.seedsDir} cannot be read: create it or pass --seeds DIR.`, { cause: err });
  });
  let previous: LoadedIndex | undefined;
  let reason: string;
  try {
    previous = await loadIndex(opts.outDir, opts.embedder);
    if (previous.manifest.corpusHash === fingerprint && !opts.force) {
      const m = previous.manifest;
      return {
        index: previous,
        report: { upToDate: true, articles: m.articles.length, passages: m.passageCount, embedded: 0, reused: 0, skipped: [], warnings: [], ms: performance.now() - t0 },
      };
    }
    reason = opts.force ? 'rebuild requested' : 'seeds changed since the index was built';
  } catch (err) {
    if (!(err instanceof IndexError)) throw err;
    reason = err.problem === 'missing' ? 'no index yet' : err.message;
  }
  return { fingerprint, previous, reason };
}

async function build(
  opts: EnsureOptions,
  t0: number,
  { fingerprint, previous, reason }: { fingerprint: string; previous?: LoadedIndex; reason: string },
  lock: DataDirLock,
): Promise<{ index: LoadedIndex; report: IngestReport }> {

  const loaded = await loadSeeds(opts.seedsDir);
  if (loaded.articles.length === 0) {
    const why = loaded.skipped.length ? `all ${loaded.skipped.length} file(s) were skipped` : 'it holds no article files';
    if (previous) {
      return {
        index: previous,
        report: {
          upToDate: false,
          reason,
          articles: previous.manifest.articles.length,
          passages: previous.manifest.passageCount,
          embedded: 0,
          reused: 0,
          skipped: loaded.skipped,
          warnings: [...loaded.warnings, `No article could be ingested from ${opts.seedsDir} (${why}); the existing index was kept.`],
          ms: performance.now() - t0,
        },
      };
    }
    const details = loaded.skipped.map((s) => `\n  skipped ${s.source}: ${s.reason}`).join('');
    throw new NoArticlesError(`No article could be ingested from ${opts.seedsDir} (${why}). Add UTF-8 .txt articles and run again.${details}`);
  }
  const passages = loaded.articles.flatMap((a) => withKind(splitArticle(a.cleaned, a.source, a.title, opts.split), a));
  const stats = await writeIndex(opts.outDir, opts.embedder, loaded.articles, passages, fingerprint, {
    previous,
    hnsw: opts.hnsw,
    onProgress: opts.onProgress,
    onStage: opts.onStage,
    lock,
  });
  const index = await loadIndex(opts.outDir, opts.embedder);
  return {
    index,
    report: {
      upToDate: false,
      reason,
      articles: loaded.articles.length,
      passages: stats.passages,
      embedded: stats.embedded,
      reused: stats.reused,
      skipped: loaded.skipped,
      warnings: loaded.warnings,
      ms: performance.now() - t0,
    },
  };
}
