/**
 * Writing a generation: vectors into hnswlib (reused from the previous index for
 * unchanged texts), passages, the BM25 index and the articles into their files, a
 * manifest with the checksums of all of them, then the atomic switch (generations.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LibraryBuilder, shiftLibrary } from '../answer/library-file.js';
import type { Article } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import { Bm25Index, type Bm25Parts, passageTokens } from '../retrieval/bm25.js';
import { CheckedFile, type FileSum } from './checked-file.js';
import type { Embedder } from './embedders.js';
import { articleRuns, type EncodedArticle, encodeArticle } from './encode-article.js';
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
import { writeBm25Parts } from './lexical-file.js';
import {
  DEFAULT_HNSW,
  fileSha256,
  type HnswParams,
  INDEX_FILES,
  type IndexFile,
  type IndexManifest,
  type LoadedIndex,
  SCHEMA_VERSION,
  textHash,
} from './load.js';

/** Stage names passed to {@link BuildOptions.onStage}, in order. */
export type BuildStage = 'embedded' | 'saved' | 'manifest' | 'synced' | 'swapped';

/** Options of {@link writeIndex}. */
export interface BuildOptions {
  hnsw?: HnswParams;
  /** The index to take vectors from for passages whose text did not change. */
  previous?: LoadedIndex;
  /** Passages embedded per batch. */
  batchSize?: number;
  /** Key of the cleaning/splitting settings, recorded in the manifest (see pipeline.ts). */
  pipeline?: string;
  /** sha256 of each seed file's bytes, by source (recorded in the manifest: see append.ts). */
  fileSha256?: Map<string, string>;
  /** sha256 of articles' raw texts when the caller dropped `raw` (see pipeline.ts). */
  rawSha256?: Map<string, string>;
  /** Called after each stage; tests throw from it to simulate a crash. */
  onStage?: (stage: BuildStage) => void | Promise<void>;
  /** Progress of embedding: done and total passages (total 0: not known yet, while the corpus streams in). */
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

/**
 * How long {@link GraphBuilder.close} waits for the graph's thread to end itself before
 * terminating it: one insertion takes well under a millisecond, writing the file a few
 * seconds at 1M passages.
 */
const STOP_WAIT_MS = 30_000;

/**
 * Batches of vectors the graph's thread may have queued: enough that it never waits for
 * the next one, few enough that a graph falling behind holds a few megabytes, not all of
 * the vectors still to insert.
 */
const GRAPH_BATCHES_IN_FLIGHT = 3;

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

/**
 * A finished graph, written by {@link BuiltGraph.write} (label = passage position).
 */
export interface BuiltGraph {
  dims: number;
  /** Passages in the graph. */
  count: number;
  /**
   * Writes the graph file (trimmed to its passages), releases the graph and returns the
   * file's checksum, and whether its points went into hnswlib as Float32Arrays (the
   * patched hnswlib-node, hnsw-points.mjs) rather than plain arrays.
   */
  write(path: string): Promise<FileSum & { typedPoints: boolean }>;
  /** Releases the graph without writing it. */
  close(): Promise<void>;
  embedded: number;
  reused: number;
}

/**
 * Builds the HNSW graph from passages given in label order, batch by batch, so that the
 * graph grows while later passages are still being prepared (pipeline.ts) and no vector is
 * held longer than its batch. The graph itself is built in a worker thread
 * (graph-worker.mjs): inserting is the one part of a build that cannot be split, and there
 * it overlaps with the joining and indexing of the prepared chunks in this thread. A
 * passage's vector is, in order of preference: the previous index's vector for the same
 * text (hnswlib stores them), the vector computed while preparing, or a fresh embedding.
 * Call {@link GraphBuilder.close} when done (also after a failure).
 */
export class GraphBuilder {
  private worker?: Worker;
  private failure?: Error;
  private dims = 0;
  private count = 0;
  private readonly cache = new Map<string, number>();
  private readonly prev?: LoadedIndex;
  private embedded = 0;
  private reused = 0;
  /** Batches posted to the worker and not inserted yet; `drained` wakes an add waiting for one. */
  private inFlight = 0;
  private drained?: () => void;
  /** Set to 1 to make the worker thread end between two insertions (see {@link close}). */
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));

  /**
   * @param capacity expected passage count (the graph grows past it when needed)
   * @param onProgress passages inserted so far (the total is not known while streaming)
   */
  constructor(
    private readonly embedder: Embedder,
    private readonly hnsw: HnswParams,
    previous: LoadedIndex | undefined,
    private readonly capacity: number,
    private readonly onProgress?: (done: number) => void,
  ) {
    // Vectors of unchanged passages come from the previous index only if it used the same embedder.
    this.prev = previous && previous.manifest.embedder.id === embedder.id ? previous : undefined;
    this.prev?.hashes.forEach((h, label) => {
      this.cache.set(h, label);
    });
  }

  /**
   * Inserts the next passages, whose text hashes are `hashes`; `vectors[k]`, when given,
   * is passage k's fresh vector; `texts[k]` its text, needed when it has no vector here.
   */
  async add(
    texts: readonly (string | undefined)[],
    hashes: readonly string[],
    vectors: readonly (ArrayLike<number> | undefined)[] = [],
  ): Promise<void> {
    if (this.failure) throw this.failure;
    if (hashes.length === 0) return;
    const out: (ArrayLike<number> | undefined)[] = hashes.map((h, k) => {
      const label = this.cache.get(h);
      if (label !== undefined && this.prev) {
        this.reused++;
        return this.prev.store.index.getPoint(label);
      }
      const v = vectors[k];
      if (v) this.embedded++; // embedded while the corpus was prepared
      return v;
    });
    const missing = out.flatMap((v, k) => (v ? [] : [k]));
    if (missing.length > 0) {
      const fresh = await this.embedder.embeddings.embedDocuments(
        missing.map((k) => {
          const t = texts[k];
          if (t === undefined) throw new Error(`Passage ${this.count + k} has neither a vector nor its text.`);
          return t;
        }),
      );
      for (const [j, k] of missing.entries()) out[k] = fresh[j];
      this.embedded += missing.length;
    }
    if (!this.worker) {
      this.dims = out[0]?.length ?? 0;
      this.worker = new Worker(new URL('./graph-worker.mjs', import.meta.url), { execArgv: [] });
      this.worker.on('error', (err) => {
        this.failure ??= new Error(`Building the HNSW graph failed in its worker thread: ${err.message}`, {
          cause: err,
        });
      });
      // A failed insert is reported at once, so that later batches fail fast.
      this.worker.on('message', (msg: { error?: string; added?: number }) => {
        if (msg.error !== undefined)
          this.failure ??= new Error(`Building the HNSW graph failed in its worker thread: ${msg.error}`);
        if (msg.added !== undefined || msg.error !== undefined) {
          this.inFlight = Math.max(0, this.inFlight - 1);
          this.drained?.();
        }
      });
      this.worker.postMessage({
        init: {
          dims: this.dims,
          m: this.hnsw.m,
          efConstruction: this.hnsw.efConstruction,
          capacity: Math.max(this.capacity, out.length),
          stop: this.stop,
        },
      });
    }
    const batch = new Float32Array(out.length * this.dims);
    for (const [k, v] of out.entries()) {
      if (v?.length !== this.dims)
        throw new Error(`Embedding of passage ${this.count + k} has ${v?.length} dimensions, not ${this.dims}.`);
      batch.set(v, k * this.dims);
    }
    // Backpressure: when the graph falls behind, its queue of vectors would grow without
    // bound (at 100k passages on a busy machine, a hundred megabytes); the caller waits
    // instead, and so do the threads preparing ahead of it.
    while (this.inFlight >= GRAPH_BATCHES_IN_FLIGHT && !this.failure)
      await new Promise<void>((resolve) => {
        this.drained = resolve;
      });
    if (this.failure) throw this.failure;
    this.worker.postMessage({ add: batch }, [batch.buffer]);
    this.inFlight++;
    this.count += hashes.length;
    this.onProgress?.(this.count);
  }

  /** The graph, once every passage is added. */
  finish(): BuiltGraph {
    if (!this.worker) throw new Error('Refusing to write an empty index: no passages to store.');
    const worker = this.worker;
    return {
      dims: this.dims,
      count: this.count,
      embedded: this.embedded,
      reused: this.reused,
      close: () => this.close(),
      write: (path: string) =>
        new Promise<FileSum & { typedPoints: boolean }>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          const onMessage = (msg: {
            written?: number;
            sha256?: string;
            bytes?: number;
            typedPoints?: boolean;
            error?: string;
          }) => {
            if (msg.written === undefined && msg.error === undefined) return; // an insertion's acknowledgement
            worker.off('message', onMessage);
            if (msg.error !== undefined)
              reject(new Error(`Building the HNSW graph failed in its worker thread: ${msg.error}`));
            else if (msg.written !== this.count)
              reject(new Error(`The graph holds ${msg.written} vectors, the build ${this.count}.`));
            else resolve({ sha256: msg.sha256 ?? '', bytes: msg.bytes ?? 0, typedPoints: msg.typedPoints === true });
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          // Stopped (a failed build) before it answered: the write is not coming.
          worker.once('exit', () => reject(new Error('The HNSW graph was stopped before its file was written.')));
          worker.postMessage({ write: path });
        }).finally(() => this.close()),
    };
  }

  /**
   * Stops the graph's worker thread (its graph is gone). The thread ends itself between
   * two insertions (see graph-worker.mjs: terminating it mid-insert can abort the
   * process); it is terminated only if it has not ended after {@link STOP_WAIT_MS}.
   */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    Atomics.store(this.stop, 0, 1);
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage({ stop: true });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_WAIT_MS);
    });
    if ((await Promise.race([exited, late])) === 'late') await w.terminate();
    clearTimeout(timer);
  }
}

/** A manifest's entry of an article, without the checksum of its seed file (added at commit). */
type ArticleEntry = Omit<IndexManifest['articles'][number], 'fileSha256'>;

/**
 * Writes the passage, article and library files of a generation as the corpus arrives in
 * label order, whole articles at a time, so that a build never holds every passage and
 * article (at 100k passages they were ~200 MB of a build's peak memory); the BM25 and
 * graph files are written at the end. Checksums are taken as the files are written.
 */
export class GenerationWriter {
  private readonly library = new LibraryBuilder();
  private readonly articles: ArticleEntry[] = [];
  private passages = 0;

  private constructor(
    private readonly dir: string,
    private readonly passageFile: CheckedFile,
    private readonly articleFile: CheckedFile,
  ) {}

  /** Starts writing into the (temporary) generation directory `dir`. */
  static async open(dir: string): Promise<GenerationWriter> {
    const passages = await CheckedFile.create(join(dir, 'passages.jsonl'));
    try {
      return new GenerationWriter(dir, passages, await CheckedFile.create(join(dir, 'articles.jsonl')));
    } catch (err) {
      await passages.abandon();
      throw err;
    }
  }

  /** Passages written so far (the label of the next one). */
  get passageCount(): number {
    return this.passages;
  }

  /** Articles written so far. */
  get articleCount(): number {
    return this.articles.length;
  }

  /** Appends encoded articles (encode-article.ts), in label order. */
  async add(items: readonly EncodedArticle[]): Promise<void> {
    for (const a of items) {
      await this.passageFile.write(a.lines);
      await this.articleFile.write(a.stored);
      this.library.addPart(shiftLibrary(a.library, this.passages));
      this.articles.push({ source: a.source, title: a.title, sha256: a.sha256, passages: a.passages });
      this.passages += a.passages;
    }
  }

  /**
   * Writes the remaining files (args, BM25, library; the graph's worker writes its file
   * meanwhile), closes them, and returns the manifest's article list and file checksums.
   */
  async finish(
    graph: BuiltGraph,
    bm25: Bm25Parts,
  ): Promise<{ articles: ArticleEntry[]; files: IndexManifest['files'] }> {
    if (graph.count !== this.passages)
      throw new Error(`The graph holds ${graph.count} passages, the build ${this.passages}.`);
    if (bm25.lengths.length !== this.passages)
      throw new Error(`BM25 index holds ${bm25.lengths.length} passages, the build ${this.passages}.`);
    // The graph's worker may still be inserting the last passages: it finishes and writes
    // its file while this thread writes the others.
    const graphWritten = graph.write(join(this.dir, 'hnswlib.index'));
    graphWritten.catch(() => undefined); // awaited below, also when a write here fails first
    const files: Partial<IndexManifest['files']> = {};
    const put = async (name: IndexFile, data: string | ((f: CheckedFile) => Promise<void>)) => {
      const f = await CheckedFile.create(join(this.dir, name));
      try {
        if (typeof data === 'string') await f.write(data);
        else await data(f);
      } catch (err) {
        await f.abandon();
        throw err;
      }
      files[name] = await f.close();
    };
    files['passages.jsonl'] = await this.passageFile.close();
    files['articles.jsonl'] = await this.articleFile.close();
    await put('args.json', JSON.stringify({ space: 'cosine', numDimensions: graph.dims }));
    await put('bm25.bin', (f) => writeBm25Parts(f, bm25));
    await put('library.json', this.library.encode());
    files['hnswlib.index'] = await graphWritten;
    return { articles: this.articles, files: files as IndexManifest['files'] };
  }

  /** Closes the open files after a failure (the generation is then removed). */
  async abandon(): Promise<void> {
    await this.passageFile.abandon();
    await this.articleFile.abandon();
  }
}

/** Options of {@link finishGeneration}. */
export interface FinishOptions extends Pick<BuildOptions, 'onStage' | 'onTiming'> {
  embedderId: string;
  corpusHash: string;
  hnsw: HnswParams;
  pipeline?: string;
  fileSha256?: Map<string, string>;
  /** Whether the build lock was lost. */
  lost: () => boolean;
}

/**
 * Finishes a generation whose passages were all given to `writer` and `graph`: writes the
 * remaining files, then commits it (manifest, sync, atomic switch). On failure the caller
 * abandons the draft.
 */
export async function finishGeneration(
  draft: GenerationDraft,
  writer: GenerationWriter,
  graph: BuiltGraph,
  bm25: Bm25Parts,
  opts: FinishOptions,
): Promise<BuildStats> {
  const stage = async (s: BuildStage) => opts.onStage?.(s);
  await stage('embedded');
  const t1 = performance.now();
  const { articles, files } = await writer.finish(graph, bm25);
  await stage('saved');
  const dir = await commitGeneration(
    draft,
    {
      embedder: { id: opts.embedderId, dimensions: graph.dims },
      passageCount: writer.passageCount,
      corpusHash: opts.corpusHash,
      articles: articles.map((a) => ({ ...a, ...fileShaOf(opts.fileSha256, a.source) })),
      hnsw: opts.hnsw,
      pipeline: opts.pipeline,
    },
    stage,
    opts.lost,
    files,
  );
  opts.onTiming?.('save', performance.now() - t1);
  return { passages: writer.passageCount, embedded: graph.embedded, reused: graph.reused, dir };
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
  const draft = await startGeneration(outDir);
  // The graph's worker thread is stopped on every failure, whoever started it.
  let graph: BuiltGraph | undefined;
  let writer: GenerationWriter | undefined;
  try {
    const t0 = performance.now();
    const hashes = passages.map((p) => textHash(p.text));
    const builder = new GraphBuilder(embedder, hnsw, opts.previous, passages.length, (done) =>
      opts.onProgress?.(done, passages.length),
    );
    try {
      for (let i = 0; i < passages.length; i += batchSize)
        await builder.add(
          passages.slice(i, i + batchSize).map((p) => p.text),
          hashes.slice(i, i + batchSize),
        );
    } catch (err) {
      await builder.close();
      throw err;
    }
    graph = builder.finish();
    const bm25 = Bm25Index.fromTokens(passages.map((p) => passageTokens(p.text)));
    opts.onTiming?.('embed+graph', performance.now() - t0);
    writer = await GenerationWriter.open(draft.tmp);
    await writer.add(
      articleRuns(articles, passages).map(({ article: a, from, to }) =>
        encodeArticle(
          a,
          passages.slice(from, to),
          hashes.slice(from, to),
          opts.rawSha256?.get(a.source) ?? createHash('sha256').update(a.raw).digest('hex'),
        ),
      ),
    );
    return await finishGeneration(draft, writer, graph, bm25.parts, {
      embedderId: embedder.id,
      corpusHash,
      hnsw,
      pipeline: opts.pipeline,
      fileSha256: opts.fileSha256,
      onStage: opts.onStage,
      onTiming: opts.onTiming,
      lost,
    });
  } catch (err) {
    await graph?.close();
    await writer?.abandon();
    await abandonGeneration(draft);
    throw err;
  }
}

/** A generation being written: its name, its temporary directory, and the one live before it. */
export interface GenerationDraft {
  outDir: string;
  gen: string;
  tmp: string;
  before?: string;
}

/** Opens a new generation for writing (under the data directory's lock). */
export async function startGeneration(outDir: string): Promise<GenerationDraft> {
  await removeLeftovers(outDir);
  // The generation live before this build stays after it: a running bot may still read it.
  const before = await readCurrent(outDir);
  const gen = newGenerationName(randomBytes(3).toString('hex'));
  const tmp = join(outDir, `tmp-${gen}`);
  await mkdir(tmp);
  return { outDir, gen, tmp, before };
}

/**
 * Finishes a generation whose files are all in its temporary directory: checksums them
 * into the manifest, syncs, renames it into place and makes it live atomically, then
 * prunes old generations. Returns its directory.
 */
export async function commitGeneration(
  draft: GenerationDraft,
  fields: Omit<IndexManifest, 'schemaVersion' | 'files' | 'createdAt'>,
  stage: (s: BuildStage) => Promise<void>,
  lost: () => boolean,
  /** Checksums the caller took of files it wrote from memory; the others are read back. */
  known: IndexManifest['files'] = {},
): Promise<string> {
  const { outDir, gen, tmp, before } = draft;
  const files: IndexManifest['files'] = {};
  for (const name of INDEX_FILES) {
    const path = join(tmp, name);
    files[name] = known[name] ?? { sha256: await fileSha256(path), bytes: (await stat(path)).size };
  }
  const manifest: IndexManifest = {
    schemaVersion: SCHEMA_VERSION,
    ...fields,
    files,
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
  return join(outDir, gen);
}

/** Removes a generation that failed before it was made live (and only then). */
export async function abandonGeneration(draft: GenerationDraft): Promise<void> {
  await rm(draft.tmp, { recursive: true, force: true });
  // A generation renamed into place but never made live is garbage too.
  if ((await readCurrent(draft.outDir).catch(() => undefined)) !== draft.gen)
    await rm(join(draft.outDir, draft.gen), { recursive: true, force: true });
}

/** The manifest field with the sha256 of an article's file bytes, when known. */
export function fileShaOf(files: Map<string, string> | undefined, source: string): { fileSha256?: string } {
  const sha = files?.get(source);
  return sha === undefined ? {} : { fileSha256: sha };
}
