/**
 * Corpus preparation for a build: seed files → cleaned articles → passages → BM25 index.
 *
 * Parallel and deterministic: the seed files (sorted by name) are cut into chunks of about
 * {@link CHUNK_BYTES} by size alone, never by the number of threads; chunks run in worker
 * threads (prepare-worker.mjs) and their results are joined in chunk order, so the same
 * seeds give the same articles, passages, ids and index files on any machine.
 *
 * Incremental: an article whose text is byte-for-byte what the previous index was built
 * from (same sha256, same pipeline key) is not cleaned or split again: its stored
 * paragraphs, passages and lexical entries are taken from the previous index.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readCatalog } from '../corpus/catalog.js';
import type { CheckedCatalog } from '../corpus/catalog-types.js';
import type { CleanedArticle } from '../corpus/clean.js';
import { type Article, CATALOG_FILE, type DropReport, decodeText, loadSeeds, type Skipped } from '../corpus/load.js';
import type { Passage, SplitOptions } from '../corpus/split.js';
import { Bm25Forward, Bm25Merger, type EntryStore } from '../retrieval/bm25.js';
import { articleRuns, type EncodedArticle, encodeArticle } from './encode-article.js';
import type { LoadedIndex } from './load.js';
import { type ChunkResult, type ChunkTask, prepareChunk } from './prepare-chunk.js';

/**
 * Seed bytes per chunk. Small enough that two workers stay busy on a few megabytes, large
 * enough that a chunk's fixed costs (messages, a term dictionary) stay small.
 */
const CHUNK_BYTES = 1 << 20;
/** Below this many bytes to prepare, worker start-up costs more than it saves. */
const PARALLEL_MIN_BYTES = 2 << 20;
/**
 * Chunks handed to each worker beyond the one being read: enough to never leave a worker
 * idle (2 held ~35 MB more at 100k passages for the same time, side by side).
 */
const CHUNKS_AHEAD = 1;
/**
 * Heap of a preparing thread. V8 sizes a thread's heap generously when nothing bounds it
 * (60–90 MB each at 100k passages, most of it garbage waiting to be collected): the old
 * generation is bounded, and grows with the largest seed file, since a chunk's texts live
 * there while it is prepared; a thread that still runs out of memory has its chunks
 * prepared in the calling thread instead (ChunkPool). The young generation keeps 16 MB:
 * 4 MB saved ~15 MB per build at 100k passages but cost 9% more CPU in garbage collection
 * (measured side by side, issue 11).
 */
const WORKER_YOUNG_MB = 16;
const WORKER_OLD_MB = 48;
const WORKER_OLD_MB_PER_FILE_MB = 16;
// (Every worker of ours is started with `execArgv: []`: it loads its own code, compiled or
// through tsx's API (prepare-worker.mjs); inheriting the parent's `--import tsx` would give
// each worker a module loader of its own.)

/** Passages per {@link PrepareOptions.onBatch} call: large enough to amortise the call. */
const STREAM_BATCH = 1024;

/**
 * Preparing threads by default: one fewer than the machine's cores, at least one. The HNSW
 * graph's thread inserts vectors through the whole build and the main thread joins and
 * writes, so one core is theirs. Measured on 2 cores, side by side (5 runs each): one
 * preparing thread instead of two built 100k passages as fast or faster (11.5 vs 12.0 s
 * median) with 1.3–3.9 s less CPU and 40–115 MiB less memory; at 10k, 1.5 vs 1.7 s and
 * 90 MiB less. Two preparing threads only took turns with the graph's thread on the same cores.
 */
export function defaultPrepareWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Options of {@link prepareCorpus}. */
export interface PrepareOptions {
  seedsDir: string;
  split?: SplitOptions;
  /**
   * Worker threads; default {@link defaultPrepareWorkers}. 0 prepares in the calling thread.
   */
  workers?: number;
  /** The live index, whose unchanged articles are reused when `pipelineKey` matches its own. */
  previous?: LoadedIndex;
  /** Identifies the cleaning/splitting code and settings (see ingest.ts). */
  pipelineKey: string;
  /** Embed fresh passages with the hashing embedder of these dimensions while preparing them. */
  hashingDimensions?: number;
  /** Tuning for tests: bytes per chunk, the smallest corpus prepared in workers, a worker's old generation in MB. */
  chunkBytes?: number;
  parallelMinBytes?: number;
  workerOldMb?: number;
  /**
   * Called with whole articles and their passages in label order as soon as they are
   * ready, while later chunks are still being prepared (the build inserts them into the
   * graph and writes them meanwhile). Awaited before the next call.
   */
  onBatch?: (batch: PreparedBatch) => Promise<void>;
  /** Where the lexical index keeps its entries until it is finished (default: in memory). */
  lexicalStore?: EntryStore;
  /**
   * Keep every article and passage in the result (default true). A build that writes the
   * batches as they come sets false: the corpus is then never held whole.
   */
  keep?: boolean;
}

/** Whole articles, in label order, as {@link PrepareOptions.onBatch} receives them. */
export interface PreparedBatch {
  /** The articles, encoded for writing; their passages follow one another. */
  items: EncodedArticle[];
  /** Text hash of each passage of the batch (textHash). */
  hashes: string[];
  /** `vectors[k]`: passage k's vector when one was computed while preparing (with `hashingDimensions`). */
  vectors: (Float32Array | undefined)[];
  /** Passage k's text where it is at hand (it is, wherever no vector was computed). */
  texts: (string | undefined)[];
}

/** A prepared corpus. */
export interface PreparedCorpus {
  /** Every article and passage, in label order (empty with `keep: false`). */
  articles: Article[];
  passages: Passage[];
  /** How many articles and passages were prepared. */
  articleCount: number;
  passageCount: number;
  /**
   * The lexical index of all passages, still to be finished: finishing it builds the
   * term-ordered arrays, which the caller does once the preparing threads have stopped.
   */
  lexical: Bm25Merger;
  /** sha256 of each article's raw text, by source (articles' `raw` is not kept). */
  rawSha256: Map<string, string>;
  skipped: Skipped[];
  dropped: DropReport[];
  warnings: string[];
  /** Articles taken from the previous index unchanged. */
  reusedArticles: number;
  /** Wall time of the parallel phase and CPU time per part summed over threads, ms. */
  ms: { wall: number; loadClean: number; split: number; lexical: number; join: number };
}

/** Key of the pipeline settings that decide passages: code version, split options, catalog. */
export async function pipelineKey(seedsDir: string, version: number, split: SplitOptions = {}): Promise<string> {
  const catalog = await readFile(join(seedsDir, CATALOG_FILE)).catch(() => Buffer.alloc(0));
  return createHash('sha256').update(JSON.stringify({ version, split })).update(catalog).digest('hex').slice(0, 32);
}

/** Prepares the corpus of `seedsDir`. */
export async function prepareCorpus(opts: PrepareOptions): Promise<PreparedCorpus> {
  const t0 = performance.now();
  let names: string[];
  try {
    names = (await readdir(opts.seedsDir)).sort();
  } catch {
    // loadSeeds says what is wrong with the directory in its own words.
    await loadSeeds(opts.seedsDir);
    names = [];
  }
  const prev = opts.previous?.manifest.pipeline === opts.pipelineKey ? opts.previous : undefined;
  const prevArticles = new Map(prev?.manifest.articles.map((a) => [a.source, a]));
  const reused = new Map<string, { article: Article; sha256: string }>();
  const fresh: { name: string; bytes: number }[] = [];
  for (const name of names) {
    const known = prevArticles.get(name);
    let bytes = 0;
    try {
      // Synchronous calls: a promise-based stat or read costs ~10x the CPU (thread-pool
      // trips), once per file of the corpus (see loadSeeds).
      const s = statSync(join(opts.seedsDir, name));
      if (s.isFile()) bytes = s.size;
      if (known && s.isFile()) {
        const decoded = decodeText(readFileSync(join(opts.seedsDir, name)));
        if ('text' in decoded && createHash('sha256').update(decoded.text).digest('hex') === known.sha256) {
          const stored = prev!.article(name);
          if (stored && stored.meta.kind !== 'guide') {
            reused.set(name, { article: storedToArticle(stored), sha256: known.sha256 });
            continue;
          }
        }
      }
    } catch {
      // loadSeeds reports the entry with its reason.
    }
    fresh.push({ name, bytes });
  }
  // The guide is a chunk of its own, first: guide passages come before all seed files in
  // label order, so that articles added later go after everything (see append.ts).
  // The catalog is read and checked here, once: each chunk gets its own files' entries
  // (its threads then never load the checker, zod), and entries naming no file are
  // reported here (a chunk sees only its own files).
  const catalog = await readCatalog(opts.seedsDir);
  const catalogWarnings = [...catalog.warnings];
  const listed = new Set(names);
  for (const key of catalog.keys)
    if (!key.startsWith('$') && !listed.has(key))
      catalogWarnings.push(`${CATALOG_FILE}: entry "${key}" names no file in ${opts.seedsDir}`);
  const catalogOf = (names: string[]): CheckedCatalog => {
    const part: CheckedCatalog = { entries: {}, invalid: {}, keys: [], warnings: [] };
    for (const n of names) {
      if (Object.hasOwn(catalog.entries, n)) part.entries[n] = catalog.entries[n];
      if (Object.hasOwn(catalog.invalid, n)) part.invalid[n] = catalog.invalid[n];
    }
    return part;
  };
  const task = (names: string[], guide: boolean): ChunkTask => ({
    seedsDir: opts.seedsDir,
    names,
    guide,
    // Without `keep`, the threads send articles encoded for writing, not as objects.
    encode: opts.keep === false,
    split: opts.split,
    hashingDimensions: opts.hashingDimensions,
    catalog: catalogOf(names),
  });
  const tasks: ChunkTask[] = [task([], true)];
  // Then chunks by size, in name order.
  let current: string[] = [];
  let size = 0;
  for (const f of fresh) {
    current.push(f.name);
    size += f.bytes;
    if (size >= (opts.chunkBytes ?? CHUNK_BYTES)) {
      tasks.push(task(current, false));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) tasks.push(task(current, false));
  const totalBytes = fresh.reduce((s, f) => s + f.bytes, 0);
  const workers =
    totalBytes < (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES)
      ? 0
      : Math.min(opts.workers ?? defaultPrepareWorkers(), tasks.length);
  const largest = fresh.reduce((m, f) => Math.max(m, f.bytes), 0);
  const oldMb = opts.workerOldMb ?? WORKER_OLD_MB + Math.ceil((largest / 2 ** 20) * WORKER_OLD_MB_PER_FILE_MB);
  const pool = workers > 0 ? new ChunkPool(tasks, workers, oldMb) : undefined;
  try {
    const prepared = await joinChunks(opts, names, tasks, reused, prev, pool, t0);
    prepared.warnings = [...new Set([...catalogWarnings, ...prepared.warnings])];
    return prepared;
  } finally {
    await pool?.close();
  }
}

/**
 * Joins the chunks' results and the reused articles in label order (the guide, then seed
 * names sorted), streaming each piece to `onBatch` as soon as its chunk is ready.
 */
async function joinChunks(
  opts: PrepareOptions,
  names: string[],
  tasks: ChunkTask[],
  reused: Map<string, { article: Article; sha256: string }>,
  prev: LoadedIndex | undefined,
  pool: ChunkPool | undefined,
  t0: number,
): Promise<PreparedCorpus> {
  const chunkOfName = new Map<string, number>();
  tasks.forEach((t, c) => {
    for (const n of t.names) chunkOfName.set(n, c);
  });
  // In the calling thread, chunks run one at a time when first needed. A chunk's result is
  // taken once: afterwards nothing holds it but the join, which lets go of it (its passages,
  // vectors and postings) as soon as the next chunk is opened; only its report is kept.
  const result = (c: number) => (pool ? pool.take(c) : prepareChunk(tasks[c]));
  type Report = Pick<ChunkResult, 'rawSha256' | 'skipped' | 'dropped' | 'warnings' | 'ms'>;
  const report = ({ rawSha256, skipped, dropped, warnings, ms }: ChunkResult): Report => ({
    rawSha256,
    skipped,
    dropped,
    warnings,
    ms,
  });
  const done: Report[] = [];
  /** An article of an opened chunk: encoded, its objects (without `encode`), where its passages start. */
  interface ChunkArticle {
    item: EncodedArticle;
    article?: Article;
    passages?: Passage[];
    first: number;
  }
  interface Opened {
    bySource: Map<string, ChunkArticle>;
    /** The chunk's postings as a source of the merger. */
    source: number;
    result: ChunkResult;
  }
  const opened = new Map<number, Opened>();
  // Chunks' postings are joined in label order (see Bm25Merger): no document is tokenised twice.
  const merger = new Bm25Merger(opts.lexicalStore);
  const open = async (c: number): Promise<Opened> => {
    let o = opened.get(c);
    if (o) return o;
    const r = await result(c);
    done[c] = report(r);
    // Chunks before this one are finished with (their passages are joined).
    for (const [k, o] of opened)
      if (k < c) {
        merger.release(o.source);
        opened.delete(k);
      }
    const bySource = new Map<string, ChunkArticle>();
    let at = 0;
    if (r.encoded) {
      for (const item of r.encoded) {
        bySource.set(item.source, { item, first: at });
        at += item.passages;
      }
    } else {
      // Articles as objects (kept whole for the caller): encoded here, the same bytes.
      for (const { article, from, to } of articleRuns(r.articles, r.passages)) {
        const passages = r.passages.slice(from, to);
        const item = encodeArticle(article, passages, r.hashes.slice(from, to), r.rawSha256[article.source]);
        bySource.set(article.source, { item, article, passages, first: from });
      }
    }
    o = { bySource, source: merger.addSource(r.bm25), result: r };
    opened.set(c, o);
    return o;
  };
  const prevLabels = new Map<string, number[]>();
  prev?.passages.forEach((p, label) => {
    if (!reused.has(p.source)) return;
    let l = prevLabels.get(p.source);
    if (!l) prevLabels.set(p.source, (l = []));
    l.push(label);
  });
  const prevSource = prev && reused.size > 0 ? merger.addSource(new Bm25Forward(prev.bm25)) : -1;
  const keep = opts.keep ?? true;
  const articles: Article[] = [];
  const passages: Passage[] = [];
  let articleCount = 0;
  let passageCount = 0;
  const dims = opts.hashingDimensions ?? 0;
  const empty = (): PreparedBatch => ({ items: [], hashes: [], vectors: [], texts: [] });
  let batch = empty();
  const flush = async (min: number) => {
    if (batch.hashes.length === 0 || batch.hashes.length < min) return;
    const b = batch;
    batch = empty();
    await opts.onBatch?.(b);
  };
  const take = async (
    item: EncodedArticle,
    objects: { article: Article; passages: Passage[] } | undefined,
    hash: (k: number) => string,
    vector: (k: number) => Float32Array | undefined,
    text: (k: number) => string | undefined,
  ) => {
    articleCount++;
    passageCount += item.passages;
    if (keep && objects) {
      articles.push(objects.article);
      passages.push(...objects.passages);
    }
    batch.items.push(item);
    for (let k = 0; k < item.passages; k++) {
      batch.hashes.push(hash(k));
      batch.vectors.push(vector(k));
      batch.texts.push(text(k));
    }
    await flush(STREAM_BATCH);
  };
  // The guide pages first (chunk 0), then the seed files in name order.
  const fromChunk = async (o: Opened, a: ChunkArticle) => {
    for (let k = 0; k < a.item.passages; k++) merger.addDoc(o.source, a.first + k);
    const { vectors: v, hashes, texts } = o.result;
    await take(
      a.item,
      a.article && a.passages ? { article: a.article, passages: a.passages } : undefined,
      (k) => hashes[a.first + k],
      (k) => v?.subarray((a.first + k) * dims, (a.first + k + 1) * dims),
      (k) => a.passages?.[k].text ?? texts?.[a.first + k],
    );
  };
  const guide = await open(0);
  for (const [, a] of guide.bySource) await fromChunk(guide, a);
  for (const source of names) {
    const r = reused.get(source);
    if (r) {
      const labels = prevLabels.get(source) ?? [];
      for (const label of labels) merger.addDoc(prevSource, label);
      const ps = labels.map((l) => prev!.passages[l]);
      const hs = labels.map((l) => prev!.hashes[l]);
      await take(
        encodeArticle(r.article, ps, hs, r.sha256),
        { article: r.article, passages: ps },
        (k) => hs[k],
        () => undefined,
        (k) => ps[k].text,
      );
      continue;
    }
    const c = chunkOfName.get(source);
    if (c === undefined) continue; // listed by readdir, but not a regular file (reported by its chunk)
    const o = await open(c);
    const a = o.bySource.get(source);
    if (!a) continue; // skipped, reported by its chunk
    await fromChunk(o, a);
  }
  await flush(1);
  const tJoin = performance.now();
  // Every chunk ran (a chunk of skipped files only is never opened by the loop above).
  for (let c = 0; c < tasks.length; c++) done[c] ??= report(await result(c));
  const sum = (f: (r: Report) => number) => done.reduce((s, r) => s + f(r), 0);
  return {
    articles,
    passages,
    articleCount,
    passageCount,
    lexical: merger,
    rawSha256: new Map([
      ...[...reused].map(([k, v]) => [k, v.sha256] as const),
      ...done.flatMap((r) => Object.entries(r.rawSha256)),
    ]),
    skipped: done.flatMap((r) => r.skipped),
    dropped: done.flatMap((r) => r.dropped),
    warnings: [...new Set(done.flatMap((r) => r.warnings))],
    reusedArticles: reused.size,
    ms: {
      wall: tJoin - t0,
      loadClean: sum((r) => r.ms.loadClean),
      split: sum((r) => r.ms.split),
      lexical: sum((r) => r.ms.lexical),
      join: performance.now() - tJoin,
    },
  };
}

/** An Article rebuilt from what the previous index stored (enough to store it again). */
function storedToArticle(s: {
  source: string;
  title: string;
  meta: Article['meta'];
  script: string;
  paragraphs: { text: string; section?: string }[];
}): Article {
  let at = 0;
  const paragraphs = s.paragraphs.map((p, index) => {
    const start = at;
    at += p.text.length + 2;
    return {
      index,
      text: p.text,
      start,
      end: start + p.text.length,
      ...(p.section === undefined ? {} : { section: p.section }),
    };
  });
  const cleaned = { text: '', paragraphs, script: s.script } as unknown as CleanedArticle;
  return { source: s.source, title: s.title, meta: s.meta, raw: '', cleaned };
}

/**
 * Chunks on worker threads. Tasks are handed out ahead of the consumer (at most
 * {@link CHUNKS_AHEAD} per worker beyond the one being read), so the workers keep
 * preparing while the calling thread inserts earlier chunks into the graph, and finished
 * chunks waiting to be read stay few (memory). Task c goes to worker c mod n: chunks are
 * cut by size, so the load is even, and results are read in task order anyway.
 */
class ChunkPool {
  private readonly workers: (Worker | undefined)[];
  private readonly pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  /** Tasks handed to each worker and not answered yet, in order. */
  private readonly outstanding: number[][];
  private readonly results: Promise<ChunkResult>[] = [];
  private posted = 0;
  private failed?: Error;
  /** Chunks prepared in this thread after their worker ran out of memory, one after another. */
  private inThread: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tasks: ChunkTask[],
    n: number,
    oldMb: number,
  ) {
    this.outstanding = Array.from({ length: n }, () => []);
    this.workers = Array.from({ length: n }, (_, i) => {
      const w = new Worker(new URL('./prepare-worker.mjs', import.meta.url), {
        execArgv: [],
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: oldMb },
      });
      w.on('message', (msg: { id?: number; result?: ChunkResult; error?: { message: string; stack?: string } }) => {
        if (msg.id === undefined) return; // "ready"
        this.outstanding[i] = this.outstanding[i].filter((id) => id !== msg.id);
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error)
          p?.reject(
            new Error(
              `Preparing seed files ${this.tasks[msg.id].names[0] ?? ''}… failed in a worker: ${msg.error.message}`,
              {
                cause: msg.error,
              },
            ),
          );
        else p?.resolve(msg.result!);
      });
      w.on('error', (err) => {
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory(i);
        else this.fail(err);
      });
      return w;
    });
    this.postUpTo(CHUNKS_AHEAD * n);
  }

  /** The result of task `c`, once (the pool keeps no hold on it); hands out the tasks after it. */
  take(c: number): Promise<ChunkResult> {
    this.postUpTo(c + 1 + CHUNKS_AHEAD * this.workers.length);
    const r = this.results[c];
    this.results[c] = Promise.reject(new Error(`chunk ${c} was taken already`));
    this.results[c].catch(() => undefined);
    return r;
  }

  private postUpTo(end: number): void {
    for (; this.posted < Math.min(end, this.tasks.length); this.posted++) {
      const id = this.posted;
      this.results[id] = new Promise<ChunkResult>((resolve, reject) => {
        if (this.failed) reject(this.failed);
        else this.pending.set(id, { resolve, reject });
      });
      this.results[id].catch(() => undefined); // surfaces where it is awaited
      const k = id % this.workers.length;
      const w = this.workers[k];
      if (w) {
        this.outstanding[k].push(id);
        w.postMessage({ id, task: this.tasks[id] });
      } else this.prepareHere(id);
    }
  }

  /**
   * A worker ran out of memory (a seed file far larger than the rest): its unanswered
   * chunks, and those it would have been given, are prepared in this thread, whose heap is
   * not bounded. The result is the same; the others keep working.
   */
  private outOfMemory(k: number): void {
    this.workers[k] = undefined;
    for (const id of this.outstanding[k]) this.prepareHere(id);
    this.outstanding[k] = [];
  }

  private prepareHere(id: number): void {
    const task = this.tasks[id];
    this.inThread = this.inThread.then(async () => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      try {
        const r = await prepareChunk(task);
        r.warnings.push(
          `Preparing seed files ${task.names[0] ?? ''}… needed more memory than a preparing thread is given; they were prepared in the main thread.`,
        );
        p.resolve(r);
      } catch (err) {
        p.reject(err as Error);
      }
    });
  }

  private fail(err: Error): void {
    this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
  }
}
