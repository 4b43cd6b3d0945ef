/**
 * Writing a generation: vectors into hnswlib (reused from the previous index for
 * unchanged texts), passages, the BM25 index and the articles into their files, a
 * manifest with the checksums of all of them, then the atomic switch (generations.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Article } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import { Bm25Builder, type Bm25Index, passageTokens } from '../retrieval/bm25.js';
import type { Embedder } from './embedders.js';
import {
  type DataDirLock,
  fsyncPath,
  lockDataDir,
  newGenerationName,
  pruneGenerations,
  readCurrent,
  removeLeftovers,
  switchCurrent,
} from './generations.js';
import { writeBm25 } from './lexical-file.js';
import {
  DEFAULT_HNSW,
  fileSha256,
  type HnswParams,
  INDEX_FILES,
  type IndexManifest,
  type LoadedIndex,
  SCHEMA_VERSION,
  type StoredArticle,
  textHash,
} from './load.js';
import { writePassages } from './passage-file.js';

/** Stage names passed to {@link BuildOptions.onStage}, in order. */
export type BuildStage = 'embedded' | 'saved' | 'manifest' | 'synced' | 'swapped';

/** Options of {@link writeIndex}. */
export interface BuildOptions {
  hnsw?: HnswParams;
  /** The index to take vectors from for passages whose text did not change. */
  previous?: LoadedIndex;
  /** Passages embedded per batch. */
  batchSize?: number;
  /** The BM25 index of `passages` when the caller built it (e.g. in worker threads); else built here. */
  bm25?: Bm25Index;
  /** Key of the cleaning/splitting settings, recorded in the manifest (see pipeline.ts). */
  pipeline?: string;
  /** sha256 of articles' raw texts when the caller dropped `raw` (see pipeline.ts). */
  rawSha256?: Map<string, string>;
  /** Vectors computed while preparing the corpus, by passage label (see pipeline.ts). */
  vectorOf?: (label: number) => number[] | undefined;
  /** Called after each stage; tests throw from it to simulate a crash. */
  onStage?: (stage: BuildStage) => void | Promise<void>;
  /** Progress of embedding: done and total passages. */
  onProgress?: (done: number, total: number) => void;
  /** Durations of the build's parts in ms (embed+graph, save), for the benchmark. */
  onTiming?: (part: 'embed+graph' | 'save', ms: number) => void;
  /** A build lock the caller already holds; else one is taken for the build. */
  lock?: DataDirLock;
  /** How long to wait for another build's lock (see lockDataDir). */
  lockWaitMs?: number;
}

/** Figures of a build. */
export interface BuildStats {
  passages: number;
  embedded: number;
  reused: number;
  dir: string;
}

/** Default passages per embedding batch: large enough to amortise a worker round trip. */
const DEFAULT_BATCH = 1024;

/**
 * Embeds `passages` (reusing vectors of unchanged texts from `previous`), writes a new
 * generation and makes it live atomically, under the data directory's lock. On any error
 * the new generation is removed and the previous one stays live.
 */
export async function writeIndex(
  outDir: string,
  embedder: Embedder,
  articles: Article[],
  passages: Passage[],
  corpusHash: string,
  opts: BuildOptions = {},
): Promise<BuildStats> {
  if (passages.length === 0) throw new Error('Refusing to write an empty index: no passages to store.');
  const lock = opts.lock ?? (await lockDataDir(outDir, { waitMs: opts.lockWaitMs }));
  try {
    return await writeLocked(outDir, embedder, articles, passages, corpusHash, opts, () => lock.compromised());
  } finally {
    if (!opts.lock) await lock.release();
  }
}

/** The embedding for a batch; the next batch is requested before the current one is inserted. */
interface Batch {
  hashes: string[];
  vectors: number[][];
}

async function writeLocked(
  outDir: string,
  embedder: Embedder,
  articles: Article[],
  passages: Passage[],
  corpusHash: string,
  opts: BuildOptions,
  lost: () => boolean,
): Promise<BuildStats> {
  const hnsw = opts.hnsw ?? DEFAULT_HNSW;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  await removeLeftovers(outDir);
  // The generation live before this build stays after it: a running bot may still read it.
  const before = await readCurrent(outDir);
  const gen = newGenerationName(randomBytes(3).toString('hex'));
  const tmp = join(outDir, `tmp-${gen}`);
  await mkdir(tmp);
  const stage = async (s: BuildStage) => opts.onStage?.(s);
  try {
    const t0 = performance.now();
    // Vectors of unchanged passages come from the previous index (hnswlib stores them).
    const prev = opts.previous && opts.previous.manifest.embedder.id === embedder.id ? opts.previous : undefined;
    const cache = new Map<string, number>();
    prev?.hashes.forEach((h, label) => {
      cache.set(h, label);
    });
    // Vectors go into the hnswlib index directly: HNSWLib.addVectors checks each new key
    // against all existing keys with Array.includes, quadratic over many batches.
    let index: InstanceType<typeof hnswlib.HierarchicalNSW> | undefined;
    const hashes: string[] = new Array(passages.length);
    let embedded = 0;
    let reused = 0;
    const vectorsFor = async (from: number): Promise<Batch> => {
      const batch = passages.slice(from, from + batchSize);
      const batchHashes = batch.map((p) => textHash(p.text));
      let fromPrevious = 0;
      const vectors: (number[] | undefined)[] = batchHashes.map((h, k) => {
        const label = cache.get(h);
        if (label === undefined) return opts.vectorOf?.(from + k);
        fromPrevious++;
        return prev!.store.index.getPoint(label);
      });
      const missing = vectors.flatMap((v, k) => (v ? [] : [k]));
      if (missing.length > 0) {
        const fresh = await embedder.embeddings.embedDocuments(missing.map((k) => batch[k].text));
        for (const [j, k] of missing.entries()) vectors[k] = fresh[j];
        embedded += missing.length;
      }
      reused += fromPrevious;
      embedded += batch.length - fromPrevious - missing.length; // embedded while the corpus was prepared
      return { hashes: batchHashes, vectors: vectors as number[][] };
    };
    const request = (from: number) => {
      const p = vectorsFor(from);
      p.catch(() => undefined); // a failure surfaces where it is awaited, not as unhandled
      return p;
    };
    // The lexical index is built here only when the caller did not bring one; its
    // tokenising then overlaps with embedding in the worker like the graph insertion does.
    const lexical = opts.bm25 ? undefined : new Bm25Builder();
    let next: Promise<Batch> | undefined = request(0);
    for (let i = 0; next; i += batchSize) {
      const { hashes: batchHashes, vectors } = await next;
      next = i + batchSize < passages.length ? request(i + batchSize) : undefined;
      if (!index) {
        index = new hnswlib.HierarchicalNSW('cosine', vectors[0].length);
        index.initIndex(passages.length, hnsw.m, hnsw.efConstruction, 42);
      }
      for (let k = 0; k < vectors.length; k++) {
        index.addPoint(vectors[k], i + k);
        hashes[i + k] = batchHashes[k];
        lexical?.add(passageTokens(passages[i + k].text));
      }
      opts.onProgress?.(Math.min(i + batchSize, passages.length), passages.length);
    }
    const bm25 = opts.bm25 ?? lexical!.finish();
    if (bm25.size !== passages.length)
      throw new Error(`BM25 index holds ${bm25.size} passages, the build ${passages.length}.`);
    opts.onTiming?.('embed+graph', performance.now() - t0);
    await stage('embedded');

    const t1 = performance.now();
    const dims = index!.getNumDimensions();
    await index!.writeIndex(join(tmp, 'hnswlib.index'));
    await writeFile(join(tmp, 'args.json'), JSON.stringify({ space: 'cosine', numDimensions: dims }));
    await writePassages(join(tmp, 'passages.jsonl'), passages, hashes);
    await writeBm25(join(tmp, 'bm25.bin'), bm25);
    await writeArticles(join(tmp, 'articles.jsonl'), articles);
    await stage('saved');
    const files: IndexManifest['files'] = {};
    for (const name of INDEX_FILES) {
      const path = join(tmp, name);
      files[name] = { sha256: await fileSha256(path), bytes: (await stat(path)).size };
    }
    const perArticle = new Map<string, number>();
    for (const p of passages) perArticle.set(p.source, (perArticle.get(p.source) ?? 0) + 1);
    const manifest: IndexManifest = {
      schemaVersion: SCHEMA_VERSION,
      embedder: { id: embedder.id, dimensions: dims },
      passageCount: passages.length,
      corpusHash,
      articles: articles.map((a) => ({
        source: a.source,
        title: a.title,
        sha256: opts.rawSha256?.get(a.source) ?? createHash('sha256').update(a.raw).digest('hex'),
        passages: perArticle.get(a.source) ?? 0,
      })),
      files,
      hnsw,
      pipeline: opts.pipeline,
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await stage('manifest');
    for (const name of [...INDEX_FILES, 'manifest.json']) await fsyncPath(join(tmp, name));
    await rename(tmp, join(outDir, gen));
    await fsyncPath(outDir);
    await stage('synced');
    if (lost())
      throw new Error(
        `The build lock of ${outDir} was lost (removed by hand, or the build stalled): the new index was not made live.`,
      );
    await switchCurrent(outDir, gen);
    await stage('swapped');
    await pruneGenerations(outDir, gen, before);
    opts.onTiming?.('save', performance.now() - t1);
    return { passages: passages.length, embedded, reused, dir: join(outDir, gen) };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // A generation renamed into place but never made live is garbage too.
    if ((await readCurrent(outDir).catch(() => undefined)) !== gen)
      await rm(join(outDir, gen), { recursive: true, force: true });
    throw err;
  }
}

/** One stored article per line, in the order of the manifest's article list. */
async function writeArticles(path: string, articles: Article[]): Promise<void> {
  const fh = await open(path, 'w');
  try {
    let s = '';
    for (const a of articles) {
      const stored: StoredArticle = {
        source: a.source,
        title: a.title,
        meta: a.meta,
        script: a.cleaned.script,
        paragraphs: a.cleaned.paragraphs.map((p) =>
          p.section === undefined ? { text: p.text } : { text: p.text, section: p.section },
        ),
      };
      s += `${JSON.stringify(stored)}\n`;
      if (s.length > 1 << 20) {
        await fh.write(s);
        s = '';
      }
    }
    await fh.write(s);
  } finally {
    await fh.close();
  }
}
