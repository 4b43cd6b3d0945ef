/**
 * Ingestion: seeds directory → cleaned articles → passages → persisted index, skipping
 * all work when the corpus has not changed since the live index was built.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { guideFiles } from '../corpus/guide.js';
import { type Article, type DropReport, listSeedEntries, type Skipped } from '../corpus/load.js';
import type { Passage, SplitOptions } from '../corpus/split.js';
import { AppendUnavailableError, appendArticles, planAppend } from './append.js';
import { abandonGeneration, finishGeneration, GenerationWriter, GraphBuilder, startGeneration } from './build.js';
import type { Embedder } from './embedders.js';
import { type DataDirLock, lockDataDir } from './generations.js';
import { HashingEmbeddings } from './hashing-embeddings.js';
import { readManifest } from './load.js';
import { pipelineKey, prepareCorpus } from './pipeline.js';
import { SpillEntries } from './spill-file.js';
import {
  type BuildOptions,
  DEFAULT_HNSW,
  IndexError,
  type IndexManifest,
  type LoadedIndex,
  loadIndex,
} from './store.js';
import { verifyFiles } from './verify.js';

/**
 * Version of the cleaning and splitting code. Part of the corpus fingerprint, so that a
 * change to how text is cleaned rebuilds existing indexes. Bump with such changes.
 */
export const PIPELINE_VERSION = 3; // 3: metadata lines, trailer rule, unsafe advice, repeats (issue 9)

/**
 * Seed bytes per passage, for sizing the graph before the passages arrive: the seeds and
 * the benchmark's raw corpora give 280–300 (UTF-8 Chinese, 200-character passages), so the
 * estimate errs on the large side (the file is trimmed at the end) rather than making the
 * graph grow, which briefly holds it twice.
 */
const BYTES_PER_PASSAGE = 250;
/** Smallest graph capacity (small corpora, and the guide). */
const GRAPH_MIN_CAPACITY = 4096;

/**
 * Fingerprint of everything an index is built from: file names and bytes of the seeds
 * directory, the pipeline version, the embedder and the split options. Reading bytes is
 * much cheaper than cleaning them, so a start-up check costs milliseconds.
 */
export async function corpusFingerprint(
  seedsDir: string,
  embedderId: string,
  split: SplitOptions = {},
): Promise<string> {
  return (await fingerprintFiles(seedsDir, embedderId, split)).hash;
}

/** Seed files read at once by the fingerprint: enough to keep the disk busy, few open files. */
const FINGERPRINT_READS = 64;

/** A corpus fingerprint, and the sha256 of each file's bytes it read (by name; guide pages by path). */
interface Fingerprint {
  hash: string;
  files: Map<string, string>;
  /** Bytes of all files read. */
  bytes: number;
}

async function fingerprintFiles(seedsDir: string, embedderId: string, split: SplitOptions = {}): Promise<Fingerprint> {
  const h = createHash('sha256');
  const files = new Map<string, string>();
  let total = 0;
  h.update(JSON.stringify({ PIPELINE_VERSION, embedderId, split }));
  // Per-entry errors (a dangling link, a loop, an unreadable file) are part of the
  // fingerprint, not a failure: loadSeeds skips the same entries with the same reasons.
  const entries = await listSeedEntries(seedsDir);
  // Files are read FINGERPRINT_READS at a time (awaited one by one, 2.5k small files took
  // 0.3-0.6 s of every start at 100k passages), and hashed in name order.
  for (let i = 0; i < entries.length; i += FINGERPRINT_READS) {
    const batch = entries.slice(i, i + FINGERPRINT_READS);
    const read = await Promise.all(
      batch.map((entry) =>
        'skip' in entry
          ? undefined
          : readFile(entry.path).catch((err: NodeJS.ErrnoException) => `unreadable: ${err.code}`),
      ),
    );
    for (const [k, entry] of batch.entries()) {
      h.update(`\n${entry.name}\n`);
      const bytes = read[k];
      if ('skip' in entry) h.update(`skip: ${entry.skip}`);
      else if (bytes !== undefined) {
        h.update(bytes);
        total += bytes.length;
        if (typeof bytes !== 'string') files.set(entry.name, createHash('sha256').update(bytes).digest('hex'));
      }
    }
  }
  // Guide pages live in seeds/guide/{zh,en}/ (src/corpus/guide.ts): edits to them rebuild too.
  for (const rel of await guideFiles(seedsDir)) {
    const bytes = await readFile(join(seedsDir, rel));
    h.update(`\n${rel}\n`);
    h.update(bytes);
    total += bytes.length;
    files.set(rel, createHash('sha256').update(bytes).digest('hex'));
  }
  return { hash: h.digest('hex'), files, bytes: total };
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
  /** Text removed from ingested articles (trailers, unsafe advice, repeats, multi-line drops), with sizes. */
  dropped?: DropReport[];
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
  /**
   * When a rebuild fails and a valid index exists, return that index with a warning
   * instead of throwing. The bot's start sets it (serve rather than stay down); the
   * ingest command does not (an operator must see the failure).
   */
  keepPreviousOnError?: boolean;
  /** How long to wait while another process builds in `outDir`; default 60 s. */
  lockWaitMs?: number;
  /** Worker threads for cleaning and splitting (default: the machine's parallelism; 0: none). */
  workers?: number;
  /** Durations of the build's parts in ms, for the benchmark. */
  onTiming?: (part: 'prepare' | 'embed+graph' | 'save', ms: number) => void;
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
  return (await refresh(opts, true)) as { index: LoadedIndex; report: IngestReport };
}

/**
 * Brings the index up to date with the seeds, as {@link ensureIndex} does, without
 * loading it afterwards: what `npm run ingest` needs. An up-to-date index is still
 * verified (every file against its manifest), so a damaged one is rebuilt.
 */
export async function updateIndex(opts: EnsureOptions): Promise<IngestReport> {
  return (await refresh(opts, false)).report;
}

async function refresh(opts: EnsureOptions, load: boolean): Promise<{ index?: LoadedIndex; report: IngestReport }> {
  const t0 = performance.now();
  const quick = await checkIndex(opts, t0, load);
  if ('report' in quick) return quick;
  // A build is needed: take the lock, then look again, since the build another process was
  // running while we waited may be exactly the one we need.
  try {
    const lock = await lockDataDir(opts.outDir, { waitMs: opts.lockWaitMs });
    try {
      // The seeds were just read: what changed while we waited for the lock is the index.
      const again = await checkIndex(opts, t0, load, {
        hash: quick.fingerprint,
        files: quick.files,
        bytes: quick.bytes,
      });
      if ('report' in again) return again;
      const appended = await tryAppend(opts, t0, again, lock, load);
      if (appended) return appended;
      // A full build reuses what it can of the previous index, which it needs loaded.
      const previous =
        again.previous ??
        (await loadIndex(opts.outDir, opts.embedder).catch(() => undefined as LoadedIndex | undefined));
      return await build(opts, t0, { ...again, previous }, lock, load);
    } finally {
      await lock.release();
    }
  } catch (err) {
    // A failed rebuild (a read-only data directory, a full disk, an embeddings outage)
    // must not take down a bot that has a valid index: serve it, and say why it is stale.
    if (!quick.previous || !opts.keepPreviousOnError) throw err;
    const m = quick.previous.manifest;
    const why = `${(err as Error).message}${(err as NodeJS.ErrnoException).code ? ` (${(err as NodeJS.ErrnoException).code})` : ''}`;
    return {
      index: quick.previous,
      report: {
        upToDate: false,
        reason: quick.reason,
        articles: m.articles.length,
        passages: m.passageCount,
        embedded: 0,
        reused: 0,
        skipped: [],
        warnings: [
          `Rebuilding the index in ${opts.outDir} failed: ${why}. Serving the existing index (built before the latest changes to ${opts.seedsDir}).`,
        ],
        ms: performance.now() - t0,
      },
    };
  }
}

/** Appends new articles to the live generation when that is the only change (append.ts). */
async function tryAppend(
  opts: EnsureOptions,
  t0: number,
  { fingerprint, files, reason }: { fingerprint: string; files: Map<string, string>; reason: string },
  lock: DataDirLock,
  load: boolean,
): Promise<{ index?: LoadedIndex; report: IngestReport } | undefined> {
  if (opts.force) return undefined;
  const plan = await planAppend({
    outDir: opts.outDir,
    seedsDir: opts.seedsDir,
    embedderId: opts.embedder.id,
    pipeline: await pipelineKey(opts.seedsDir, PIPELINE_VERSION, opts.split),
    hnsw: opts.hnsw ?? DEFAULT_HNSW,
    files,
  });
  if (!plan) return undefined;
  let r: Awaited<ReturnType<typeof appendArticles>>;
  try {
    r = await appendArticles(plan, {
      outDir: opts.outDir,
      seedsDir: opts.seedsDir,
      embedder: opts.embedder,
      split: opts.split,
      corpusHash: fingerprint,
      files,
      onStage: opts.onStage,
      lost: () => lock.compromised(),
    });
  } catch (err) {
    if (err instanceof AppendUnavailableError) return undefined; // the full build repairs it
    throw err;
  }
  opts.onTiming?.('prepare', r.ms.prepare);
  opts.onTiming?.('embed+graph', r.ms.graph);
  opts.onTiming?.('save', r.ms.save);
  return {
    index: load ? await loadIndex(opts.outDir, opts.embedder) : undefined,
    report: {
      upToDate: false,
      reason: `${reason}: ${plan.added.length} new file(s) appended`,
      articles: plan.manifest.articles.length + r.articles.length,
      passages: r.passages,
      embedded: r.embedded,
      reused: plan.manifest.passageCount,
      skipped: r.skipped,
      dropped: r.dropped,
      warnings: r.warnings,
      ms: performance.now() - t0,
    },
  };
}

type Checked =
  | { index?: LoadedIndex; report: IngestReport }
  | { fingerprint: string; files: Map<string, string>; bytes: number; previous?: LoadedIndex; reason: string };

/**
 * The live index when it matches the seeds (loaded with `load`, else only its files
 * verified); else what a build needs to know.
 */
async function checkIndex(opts: EnsureOptions, t0: number, load: boolean, known?: Fingerprint): Promise<Checked> {
  const print =
    known ??
    (await fingerprintFiles(opts.seedsDir, opts.embedder.id, opts.split).catch((err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new NoArticlesError(
        `Seeds directory ${opts.seedsDir} cannot be read (${code}): create it and put .txt articles in it.`,
        { cause: err },
      );
    }));
  const fingerprint = print.hash;
  let previous: LoadedIndex | undefined;
  let reason: string;
  try {
    let m: IndexManifest;
    if (load) {
      previous = await loadIndex(opts.outDir, opts.embedder);
      m = previous.manifest;
    } else {
      const live = await readManifest(opts.outDir, opts.embedder.id);
      m = live.manifest;
      if (m.corpusHash === fingerprint && !opts.force) await verifyFiles(live.dir, m);
    }
    if (m.corpusHash === fingerprint && !opts.force) {
      return {
        index: previous,
        report: {
          upToDate: true,
          articles: m.articles.length,
          passages: m.passageCount,
          embedded: 0,
          reused: 0,
          skipped: [],
          warnings: [],
          ms: performance.now() - t0,
        },
      };
    }
    reason = opts.force ? 'rebuild requested' : 'seeds changed since the index was built';
  } catch (err) {
    if (!(err instanceof IndexError)) throw err;
    reason = err.problem === 'missing' ? 'no index yet' : err.message;
  }
  return { fingerprint, files: print.files, bytes: print.bytes, previous, reason };
}

async function build(
  opts: EnsureOptions,
  t0: number,
  {
    fingerprint,
    files,
    bytes,
    previous,
    reason,
  }: { fingerprint: string; files: Map<string, string>; bytes: number; previous?: LoadedIndex; reason: string },
  lock: DataDirLock,
  load: boolean,
): Promise<{ index?: LoadedIndex; report: IngestReport }> {
  const key = await pipelineKey(opts.seedsDir, PIPELINE_VERSION, opts.split);
  const hashingDimensions =
    opts.embedder.embeddings instanceof HashingEmbeddings ? opts.embedder.embeddings.dimensions : undefined;
  // The graph is built and the files are written while the corpus is prepared: each batch
  // of passages goes into them as soon as its chunk is ready (pipeline.ts), so the corpus
  // is never held whole.
  const graph = new GraphBuilder(
    opts.embedder,
    opts.hnsw ?? DEFAULT_HNSW,
    opts.force ? undefined : previous,
    Math.max(GRAPH_MIN_CAPACITY, Math.ceil(bytes / BYTES_PER_PASSAGE)),
    (done) => opts.onProgress?.(done, 0), // the total is known only at the end
  );
  const draft = await startGeneration(opts.outDir);
  let writer: GenerationWriter | undefined;
  let spill: SpillEntries | undefined;
  let loaded: Awaited<ReturnType<typeof prepareCorpus>>;
  let stats: Awaited<ReturnType<typeof finishGeneration>> | undefined;
  try {
    const w = await GenerationWriter.open(draft.tmp);
    writer = w;
    // The lexical entries wait in a file of the new generation until the index is finished.
    spill = new SpillEntries(join(draft.tmp, 'bm25.spill'));
    loaded = await prepareCorpus({
      lexicalStore: spill,
      seedsDir: opts.seedsDir,
      split: opts.split,
      workers: opts.workers,
      previous: opts.force ? undefined : previous,
      pipelineKey: key,
      hashingDimensions,
      keep: false,
      onBatch: async (b) => {
        await graph.add(b.texts, b.hashes, b.vectors);
        await w.add(b.items);
      },
    });
    opts.onTiming?.('prepare', loaded.ms.wall);
    if (loaded.articleCount > 0) {
      // Embedding and the graph were streamed with the preparation ('prepare'); what is left
      // (finishing the BM25 arrays, the last files, the graph's last batches) is 'save'.
      const t1 = performance.now();
      const bm25 = loaded.lexical.finishParts();
      stats = await finishGeneration(draft, w, graph.finish(), bm25, {
        embedderId: opts.embedder.id,
        corpusHash: fingerprint,
        hnsw: opts.hnsw ?? DEFAULT_HNSW,
        pipeline: key,
        fileSha256: files,
        onStage: opts.onStage,
        lost: () => lock.compromised(),
      });
      opts.onTiming?.('save', performance.now() - t1);
    }
  } catch (err) {
    await graph.close();
    await writer?.abandon();
    spill?.dispose();
    await abandonGeneration(draft);
    throw err;
  }
  await graph.close();
  if (!stats) {
    spill.dispose();
    await writer.abandon();
    await abandonGeneration(draft);
    const why = loaded.skipped.length
      ? `all ${loaded.skipped.length} file(s) were skipped`
      : 'it holds no article files';
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
          dropped: loaded.dropped,
          warnings: [
            ...loaded.warnings,
            `No article could be ingested from ${opts.seedsDir} (${why}); the existing index was kept.`,
          ],
          ms: performance.now() - t0,
        },
      };
    }
    const details = loaded.skipped.map((s) => `\n  skipped ${s.source}: ${s.reason}`).join('');
    throw new NoArticlesError(
      `No article could be ingested from ${opts.seedsDir} (${why}). Add UTF-8 .txt articles and run again.${details}`,
    );
  }
  const index = load ? await loadIndex(opts.outDir, opts.embedder) : undefined;
  return {
    index,
    report: {
      upToDate: false,
      reason,
      articles: loaded.articleCount,
      passages: stats.passages,
      embedded: stats.embedded,
      reused: stats.reused,
      skipped: loaded.skipped,
      dropped: loaded.dropped,
      warnings: loaded.warnings,
      ms: performance.now() - t0,
    },
  };
}
