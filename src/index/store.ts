/**
 * The persisted passage index: LangChain's HNSWLib (hnswlib-node) plus a manifest and the
 * cleaned articles, stored as immutable "generations" under the data directory.
 *
 *   data/index/CURRENT            name of the live generation (replaced atomically)
 *   data/index/gen-<time>-<rand>/ hnswlib.index, docstore.json, args.json (HNSWLib.save),
 *                                 articles.json, manifest.json (checksums of the others)
 *
 * A build writes a new generation beside the live one, fsyncs it, then renames a new
 * CURRENT over the old one. Rename is atomic on POSIX file systems, so a crash or kill at
 * any moment leaves either the old or the new generation live, never a half-written one.
 * (Renaming a directory over a non-empty directory is not possible, hence the pointer.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import hnswlib from 'hnswlib-node';
import type { Embedder } from './embedders.js';
import type { Article, ArticleMeta } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import { checkDataDir, type DataDirLock, fsyncPath, lockDataDir, newGenerationName, pruneGenerations, readCurrent, removeLeftovers, switchCurrent } from './generations.js';
export { DataDirError, IngestLockedError } from './generations.js';

/** Bump when the on-disk layout or the meaning of its fields changes. */
export const SCHEMA_VERSION = 1;
const FILES = ['hnswlib.index', 'docstore.json', 'args.json', 'articles.json'] as const;

/** HNSW graph parameters, recorded in the manifest. */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}
export const DEFAULT_HNSW: HnswParams = { m: 12, efConstruction: 40, efSearch: 96 };

/** What a generation holds, and how to check it. */
export interface IndexManifest {
  schemaVersion: number;
  embedder: { id: string; dimensions: number };
  passageCount: number;
  /** Hash of the corpus inputs (see {@link corpusFingerprint}); equal → nothing to rebuild. */
  corpusHash: string;
  articles: { source: string; title: string; sha256: string; passages: number }[];
  files: Record<string, { sha256: string; bytes: number }>;
  hnsw: HnswParams;
  createdAt: string;
}

/** A paragraph of a stored article, for showing a passage in context. */
export interface StoredArticle {
  source: string;
  title: string;
  meta: ArticleMeta;
  script: string;
  paragraphs: { text: string; section?: string }[];
}

/**
 * Metadata stored with each passage in the docstore. Title and section are not repeated
 * per passage (they are in articles.json), which keeps large indexes smaller on disk and
 * in memory.
 */
export type PassageMetadata = Omit<Passage, 'text' | 'title' | 'section'> & { textHash: string };

/** A loaded, verified index. */
export interface LoadedIndex {
  store: HNSWLib;
  manifest: IndexManifest;
  articles: StoredArticle[];
  /** All passages in label order (label = position), for lexical indexing. */
  passages: Passage[];
  dir: string;
}

/** Why an index could not be used. */
export type IndexProblem = 'missing' | 'corrupt' | 'schema' | 'embedder' | 'stale';

/** An index that cannot be used as it is; `problem` says why, the message says what to do. */
export class IndexError extends Error {
  constructor(
    readonly problem: IndexProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IndexError';
  }
}

/** sha256 of a passage text: the key of the embedding cache. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Loads and verifies the live index. Throws {@link IndexError} when there is none, when a
 * file is missing, truncated or altered (checksums), when it was written by another
 * schema, or when it was built with another embedder than `embedder`.
 */
export async function loadIndex(outDir: string, embedder: Embedder): Promise<LoadedIndex> {
  await checkDataDir(outDir);
  const gen = await readCurrent(outDir);
  if (!gen) throw new IndexError('missing', `No index in ${outDir}: run \`npm run ingest\` to build it.`);
  const dir = join(outDir, gen);
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  } catch (err) {
    throw new IndexError('corrupt', `Index manifest ${join(dir, 'manifest.json')} is missing or unreadable: rebuild with \`npm run ingest\`.`, {
      cause: err,
    });
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError('schema', `Index in ${dir} has schema ${manifest.schemaVersion}, this version reads ${SCHEMA_VERSION}: rebuild with \`npm run ingest\`.`);
  }
  if (manifest.embedder.id !== embedder.id) {
    throw new IndexError(
      'embedder',
      `Index in ${dir} was built with embedder ${manifest.embedder.id}, but ${embedder.id} is configured: rebuild with \`npm run ingest\`.`,
    );
  }
  for (const name of FILES) {
    const path = join(dir, name);
    const expected = manifest.files[name];
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (err) {
      throw new IndexError('corrupt', `Index file ${path} is missing: rebuild with \`npm run ingest\`.`, { cause: err });
    }
    if (!expected || size !== expected.bytes || (await fileSha256(path)) !== expected.sha256) {
      throw new IndexError('corrupt', `Index file ${path} is truncated or altered (checksum mismatch): rebuild with \`npm run ingest\`.`);
    }
  }
  let store: HNSWLib;
  let articles: StoredArticle[];
  try {
    store = await HNSWLib.load(dir, embedder.embeddings);
    articles = JSON.parse(await readFile(join(dir, 'articles.json'), 'utf8')) as StoredArticle[];
  } catch (err) {
    throw new IndexError('corrupt', `Index in ${dir} cannot be read: rebuild with \`npm run ingest\`.`, { cause: err });
  }
  const count = store.index.getCurrentCount();
  if (count !== manifest.passageCount || store.index.getNumDimensions() !== manifest.embedder.dimensions) {
    throw new IndexError('corrupt', `Index in ${dir} holds ${count} vectors, its manifest says ${manifest.passageCount}: rebuild with \`npm run ingest\`.`);
  }
  store.index.setEf(manifest.hnsw.efSearch);
  const bySource = new Map(articles.map((a) => [a.source, a]));
  const passages: Passage[] = new Array(count);
  for (let label = 0; label < count; label++) {
    const doc = store.docstore.search(String(label)) as Document;
    const m = doc.metadata as PassageMetadata;
    const article = bySource.get(m.source);
    passages[label] = {
      id: m.id,
      text: doc.pageContent,
      source: m.source,
      title: article?.title ?? m.source,
      paragraphIndex: m.paragraphIndex,
      start: m.start,
      end: m.end,
      section: article?.paragraphs[m.paragraphIndex]?.section,
      kind: article?.meta.kind ?? 'news',
    };
  }
  return { store, manifest, articles, passages, dir };
}

/** Stage names passed to {@link BuildOptions.onStage}, in order. */
export type BuildStage = 'embedded' | 'saved' | 'manifest' | 'synced' | 'swapped';

/** Options of {@link writeIndex}. */
export interface BuildOptions {
  hnsw?: HnswParams;
  /** The index to take vectors from for passages whose text did not change. */
  previous?: LoadedIndex;
  /** Passages embedded per batch. */
  batchSize?: number;
  /** Called after each stage; tests throw from it to simulate a crash. */
  onStage?: (stage: BuildStage) => void | Promise<void>;
  /** Progress of embedding: done and total passages. */
  onProgress?: (done: number, total: number) => void;
  /** A build lock the caller already holds; else one is taken for the build. */
  lock?: DataDirLock;
  /** How long to wait for another build's lock (see {@link lockDataDir}). */
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
 * Embeds `passages` (reusing vectors of unchanged texts from `previous`), writes a new
 * generation and makes it live atomically. On any error the new generation is removed
 * and the previous one stays live.
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
  const batchSize = opts.batchSize ?? 1024;
  await removeLeftovers(outDir);
  const gen = newGenerationName(randomBytes(3).toString('hex'));
  const tmp = join(outDir, `tmp-${gen}`);
  await mkdir(tmp);
  const stage = async (s: BuildStage) => opts.onStage?.(s);
  try {
    // Vectors of unchanged passages come from the previous index (hnswlib stores them).
    const cache = new Map<string, number>();
    if (opts.previous && opts.previous.manifest.embedder.id === embedder.id) {
      const prev = opts.previous;
      prev.store.docstore._docs.forEach((doc, label) => cache.set((doc.metadata as PassageMetadata).textHash, Number(label)));
    }
    // Vectors go into the hnswlib index directly and documents into a Map handed to the
    // docstore once: HNSWLib.addVectors checks each new key against all existing keys with
    // Array.includes, which is quadratic over many batches (minutes at 100k passages).
    let index: InstanceType<typeof hnswlib.HierarchicalNSW> | undefined;
    const docs = new Map<string, Document>();
    let embedded = 0;
    let reused = 0;
    // Vectors of one batch: from the previous index when the text is unchanged, else
    // embedded. The next batch is requested before the current one is inserted, so an
    // embedder that works off the main thread overlaps with the graph insertion.
    const vectorsFor = async (from: number): Promise<{ batch: Passage[]; hashes: string[]; vectors: number[][] }> => {
      const batch = passages.slice(from, from + batchSize);
      const hashes = batch.map((p) => textHash(p.text));
      const vectors: (number[] | undefined)[] = hashes.map((h) => {
        const label = cache.get(h);
        return label === undefined ? undefined : opts.previous!.store.index.getPoint(label);
      });
      const missing = vectors.flatMap((v, k) => (v ? [] : [k]));
      if (missing.length > 0) {
        const fresh = await embedder.embeddings.embedDocuments(missing.map((k) => batch[k].text));
        missing.forEach((k, j) => (vectors[k] = fresh[j]));
        embedded += missing.length;
      }
      reused += batch.length - missing.length;
      return { batch, hashes, vectors: vectors as number[][] };
    };
    const request = (from: number) => {
      const p = vectorsFor(from);
      p.catch(() => undefined); // a failure surfaces where it is awaited, not as unhandled
      return p;
    };
    let next: ReturnType<typeof vectorsFor> | undefined = request(0);
    for (let i = 0; next; i += batchSize) {
      const { batch, hashes, vectors } = await next;
      next = i + batchSize < passages.length ? request(i + batchSize) : undefined;
      if (!index) {
        index = new hnswlib.HierarchicalNSW('cosine', vectors[0].length);
        index.initIndex(passages.length, hnsw.m, hnsw.efConstruction, 42);
      }
      batch.forEach((p, k) => {
        const label = i + k;
        index!.addPoint(vectors[k], label);
        const metadata: PassageMetadata = {
          id: p.id,
          source: p.source,
          paragraphIndex: p.paragraphIndex,
          start: p.start,
          end: p.end,
          textHash: hashes[k],
        };
        docs.set(String(label), new Document({ pageContent: p.text, metadata }));
      });
      opts.onProgress?.(Math.min(i + batchSize, passages.length), passages.length);
    }
    const store = new HNSWLib(embedder.embeddings, {
      space: 'cosine',
      numDimensions: index!.getNumDimensions(),
      index,
      docstore: new SynchronousInMemoryDocstore(docs),
    });
    await stage('embedded');
    await store.save(tmp);
    const stored: StoredArticle[] = articles.map((a) => ({
      source: a.source,
      title: a.title,
      meta: a.meta,
      script: a.cleaned.script,
      paragraphs: a.cleaned.paragraphs.map((p) => ({ text: p.text, section: p.section })),
    }));
    await writeFile(join(tmp, 'articles.json'), JSON.stringify(stored));
    await stage('saved');
    const files: IndexManifest['files'] = {};
    for (const name of FILES) {
      const path = join(tmp, name);
      files[name] = { sha256: await fileSha256(path), bytes: (await stat(path)).size };
    }
    const perArticle = new Map<string, number>();
    for (const p of passages) perArticle.set(p.source, (perArticle.get(p.source) ?? 0) + 1);
    const manifest: IndexManifest = {
      schemaVersion: SCHEMA_VERSION,
      embedder: { id: embedder.id, dimensions: store.index.getNumDimensions() },
      passageCount: passages.length,
      corpusHash,
      articles: articles.map((a) => ({
        source: a.source,
        title: a.title,
        sha256: createHash('sha256').update(a.raw).digest('hex'),
        passages: perArticle.get(a.source) ?? 0,
      })),
      files,
      hnsw,
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await stage('manifest');
    for (const name of [...FILES, 'manifest.json']) await fsyncPath(join(tmp, name));
    await rename(tmp, join(outDir, gen));
    await fsyncPath(outDir);
    await stage('synced');
    if (lost()) throw new Error(`The build lock of ${outDir} was lost (removed by hand, or the build stalled): the new index was not made live.`);
    await switchCurrent(outDir, gen);
    await stage('swapped');
    await pruneGenerations(outDir, gen, opts.previous?.dir.split(/[\\/]/).pop());
    return { passages: passages.length, embedded, reused, dir: join(outDir, gen) };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // A generation renamed into place but never made live is garbage too.
    if ((await readCurrent(outDir)) !== gen) await rm(join(outDir, gen), { recursive: true, force: true });
    throw err;
  }
}
