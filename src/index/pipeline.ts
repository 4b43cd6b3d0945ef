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
import { readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CleanedArticle } from '../corpus/clean.js';
import { type Article, CATALOG_FILE, type DropReport, decodeText, loadSeeds, type Skipped } from '../corpus/load.js';
import type { Passage, SplitOptions } from '../corpus/split.js';
import { Bm25Builder, Bm25Forward, Bm25Index } from '../retrieval/bm25.js';
import type { LoadedIndex } from './load.js';
import { type ChunkResult, type ChunkTask, prepareChunk } from './prepare-chunk.js';

/**
 * Seed bytes per chunk. Small enough that two workers stay busy on a few megabytes, large
 * enough that a chunk's fixed costs (messages, a term dictionary) stay small.
 */
const CHUNK_BYTES = 1 << 20;
/** Below this many bytes to prepare, worker start-up costs more than it saves. */
const PARALLEL_MIN_BYTES = 2 << 20;

/** Options of {@link prepareCorpus}. */
export interface PrepareOptions {
  seedsDir: string;
  split?: SplitOptions;
  /** Worker threads; default: the machine's parallelism. 0 prepares in the calling thread. */
  workers?: number;
  /** The live index, whose unchanged articles are reused when `pipelineKey` matches its own. */
  previous?: LoadedIndex;
  /** Identifies the cleaning/splitting code and settings (see ingest.ts). */
  pipelineKey: string;
  /** Embed fresh passages with the hashing embedder of these dimensions while preparing them. */
  hashingDimensions?: number;
  /** Tuning for tests: bytes per chunk and the smallest corpus prepared in workers. */
  chunkBytes?: number;
  parallelMinBytes?: number;
}

/** A prepared corpus, ready for {@link writeIndex}. */
export interface PreparedCorpus {
  articles: Article[];
  passages: Passage[];
  bm25: Bm25Index;
  /** sha256 of each article's raw text, by source (articles' `raw` is not kept). */
  rawSha256: Map<string, string>;
  /** Vectors computed while preparing (with `hashingDimensions`), by passage label. */
  vectorOf?: (label: number) => number[] | undefined;
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
      const s = await stat(join(opts.seedsDir, name));
      if (s.isFile()) bytes = s.size;
      if (known && s.isFile()) {
        const decoded = decodeText(await readFile(join(opts.seedsDir, name)));
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
  // Chunks by size, in name order; the guide goes with the last one (it follows all files).
  const tasks: ChunkTask[] = [];
  let current: string[] = [];
  let size = 0;
  for (const f of fresh) {
    current.push(f.name);
    size += f.bytes;
    if (size >= (opts.chunkBytes ?? CHUNK_BYTES)) {
      tasks.push({
        seedsDir: opts.seedsDir,
        names: current,
        guide: false,
        split: opts.split,
        hashingDimensions: opts.hashingDimensions,
      });
      current = [];
      size = 0;
    }
  }
  tasks.push({
    seedsDir: opts.seedsDir,
    names: current,
    guide: true,
    split: opts.split,
    hashingDimensions: opts.hashingDimensions,
  });
  const totalBytes = fresh.reduce((s, f) => s + f.bytes, 0);
  const workers =
    totalBytes < (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES)
      ? 0
      : Math.min(opts.workers ?? availableParallelism(), tasks.length);
  const results =
    workers > 0 ? await runInWorkers(tasks, workers) : await Promise.all(tasks.map((t) => prepareChunk(t)));
  const tJoin = performance.now();

  // Join in name order: each article from its chunk or from the previous index.
  const fromChunk = new Map<string, { chunk: number; article: Article; passages: Passage[]; first: number }>();
  results.forEach((r, chunk) => {
    let at = 0;
    const bySource = new Map<string, number>();
    for (const p of r.passages) bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
    for (const a of r.articles) {
      const n = bySource.get(a.source) ?? 0;
      fromChunk.set(a.source, { chunk, article: a, passages: r.passages.slice(at, at + n), first: at });
      at += n;
    }
  });
  const prevLabels = new Map<string, number[]>();
  prev?.passages.forEach((p, label) => {
    if (!reused.has(p.source)) return;
    let l = prevLabels.get(p.source);
    if (!l) prevLabels.set(p.source, (l = []));
    l.push(label);
  });
  const chunkForward = results.map((r) => new Bm25Forward(Bm25Index.fromParts(r.bm25)));
  const prevForward = prev && reused.size > 0 ? new Bm25Forward(prev.bm25) : undefined;
  const builder = new Bm25Builder();
  const articles: Article[] = [];
  const passages: Passage[] = [];
  // Where each fresh passage's vector is: chunk and position in it (-1: none computed).
  const vecChunk: number[] = [];
  const vecAt: number[] = [];
  const order = [
    ...names,
    ...results.flatMap((r) => r.articles.filter((a) => !names.includes(a.source)).map((a) => a.source)),
  ];
  for (const source of order) {
    const r = reused.get(source);
    if (r) {
      articles.push(r.article);
      for (const label of prevLabels.get(source) ?? []) {
        passages.push(prev!.passages[label]);
        vecChunk.push(-1);
        vecAt.push(0);
        builder.addFrom(prevForward!, label);
      }
      continue;
    }
    const c = fromChunk.get(source);
    if (!c) continue; // skipped, reported by its chunk
    articles.push(c.article);
    c.passages.forEach((p, k) => {
      passages.push(p);
      vecChunk.push(c.chunk);
      vecAt.push(c.first + k);
      builder.addFrom(chunkForward[c.chunk], c.first + k);
    });
  }
  const bm25 = builder.finish();
  const tEnd = performance.now();
  const sum = (f: (r: ChunkResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const dims = opts.hashingDimensions ?? 0;
  // The build reads vectors in label order, which is chunk order: a chunk's vectors are
  // released once its last passage has been read (about 2 KB per passage).
  const lastLabel = new Map<number, number>();
  for (const [label, c] of vecChunk.entries()) lastLabel.set(c, label);
  const vectorOf = (label: number) => {
    const r = results[vecChunk[label]];
    const v = r?.vectors;
    if (!v) return undefined;
    // hnswlib's addPoint takes a plain array.
    const out = Array.from(v.subarray(vecAt[label] * dims, (vecAt[label] + 1) * dims));
    if (lastLabel.get(vecChunk[label]) === label) r.vectors = undefined;
    return out;
  };
  return {
    articles,
    passages,
    bm25,
    vectorOf: dims ? vectorOf : undefined,
    rawSha256: new Map([
      ...[...reused].map(([k, v]) => [k, v.sha256] as const),
      ...results.flatMap((r) => Object.entries(r.rawSha256)),
    ]),
    skipped: results.flatMap((r) => r.skipped),
    dropped: results.flatMap((r) => r.dropped),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    reusedArticles: reused.size,
    ms: {
      wall: tJoin - t0,
      loadClean: sum((r) => r.ms.loadClean),
      split: sum((r) => r.ms.split),
      lexical: sum((r) => r.ms.lexical),
      join: tEnd - tJoin,
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

/** Runs chunks on `n` worker threads, results in task order. */
async function runInWorkers(tasks: ChunkTask[], n: number): Promise<ChunkResult[]> {
  const results: ChunkResult[] = new Array(tasks.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, async () => {
        const w = new Worker(new URL('./prepare-worker.mjs', import.meta.url));
        workers.push(w);
        await new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.once('message', () => resolve());
        });
        while (next < tasks.length) {
          const id = next++;
          results[id] = await new Promise<ChunkResult>((resolve, reject) => {
            const onMessage = (msg: {
              id: number;
              result?: ChunkResult;
              error?: { message: string; stack?: string };
            }) => {
              if (msg.id !== id) return;
              w.off('message', onMessage);
              w.off('error', reject);
              if (msg.error)
                reject(
                  new Error(
                    `Preparing seed files ${tasks[id].names[0] ?? ''}… failed in a worker: ${msg.error.message}`,
                    { cause: msg.error },
                  ),
                );
              else resolve(msg.result!);
            };
            w.on('message', onMessage);
            w.once('error', reject);
            w.postMessage({ id, task: tasks[id] });
          });
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
