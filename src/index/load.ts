/**
 * Loading and verifying the live index generation (layout: generations.ts; files:
 * build.ts). Nothing here tokenises or re-embeds: the vectors, the passages and the BM25
 * index are all read as written at ingest, after their checksums match the manifest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import hnswlib from 'hnswlib-node';
import type { ArticleMeta } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import type { Bm25Index } from '../retrieval/bm25.js';
import type { Embedder } from './embedders.js';
import { checkDataDir, readCurrent } from './generations.js';
import { decodeBm25 } from './lexical-file.js';
import { asHnswDocstore, PassageDocstore, parsePassages } from './passage-file.js';

/** Bump when the on-disk layout or the meaning of its fields changes. */
export const SCHEMA_VERSION = 2;
/** The files of a generation besides manifest.json, all checksummed by it. */
export const INDEX_FILES = ['hnswlib.index', 'args.json', 'passages.jsonl', 'bm25.bin', 'articles.jsonl'] as const;

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
  /** Hash of the corpus inputs (see corpusFingerprint in ingest.ts); equal → nothing to rebuild. */
  corpusHash: string;
  /** In the order of the lines of articles.jsonl. */
  articles: { source: string; title: string; sha256: string; passages: number }[];
  files: Record<string, { sha256: string; bytes: number }>;
  hnsw: HnswParams;
  /** Key of the cleaning/splitting settings (pipeline.ts): articles are reused only under the same key. */
  pipeline?: string;
  createdAt: string;
}

/** A stored article, for showing a passage in its paragraph. */
export interface StoredArticle {
  source: string;
  title: string;
  meta: ArticleMeta;
  script: string;
  paragraphs: { text: string; section?: string }[];
}

/** A loaded, verified index. */
export interface LoadedIndex {
  store: HNSWLib;
  manifest: IndexManifest;
  /** All passages in label order (label = position). */
  passages: Passage[];
  /** Text hash of each passage, in label order (the key of vector reuse at the next build). */
  hashes: string[];
  /** The lexical index, as written at ingest. */
  bm25: Bm25Index;
  /** A stored article by source file name, parsed on first use. */
  article(source: string): StoredArticle | undefined;
  /** All stored articles (parses every one: prefer {@link LoadedIndex.article}). */
  readonly articles: StoredArticle[];
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

/** sha256 of a passage text: the key of the embedding reuse. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** sha256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const REBUILD = 'rebuild with `npm run ingest`';

// Hashes a file off the main thread (an inline worker: no file of its own to find in dist/).
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
(async () => {
  const out = {};
  for (const path of workerData) {
    const h = createHash('sha256');
    try {
      for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(c);
      out[path] = h.digest('hex');
    } catch (e) {
      out[path] = 'error: ' + e.message;
    }
  }
  parentPort.postMessage(out);
})();
`;

/** sha256 of files, computed in a worker thread (so this thread can parse meanwhile). */
function sha256InWorker(paths: string[]): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(HASH_WORKER, { eval: true, workerData: paths });
    w.once('message', (m: Record<string, string>) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

/**
 * Articles of articles.jsonl, each line decoded and parsed on first use: at start only the
 * line boundaries are found (a byte scan), which is what keeps a 100k-passage start fast.
 */
function lazyArticles(buf: Buffer, manifest: IndexManifest, path: string): Pick<LoadedIndex, 'article' | 'articles'> {
  const starts: number[] = [];
  for (let at = 0; at < buf.length; ) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) throw new IndexError('corrupt', `${path} does not end with a newline (truncated?): ${REBUILD}.`);
    starts.push(at);
    at = nl + 1;
  }
  starts.push(buf.length);
  if (starts.length - 1 !== manifest.articles.length) {
    throw new IndexError(
      'corrupt',
      `${path} holds ${starts.length - 1} article lines, its manifest lists ${manifest.articles.length}: ${REBUILD}.`,
    );
  }
  const line = new Map(manifest.articles.map((a, i) => [a.source, i]));
  const parsed = new Map<string, StoredArticle>();
  const article = (source: string) => {
    let a = parsed.get(source);
    const i = line.get(source);
    if (!a && i !== undefined) {
      a = JSON.parse(buf.toString('utf8', starts[i], starts[i + 1] - 1)) as StoredArticle;
      parsed.set(source, a);
    }
    return a;
  };
  return {
    article,
    get articles() {
      return manifest.articles.map((a) => article(a.source)!);
    },
  };
}

/**
 * Loads and verifies the live index. Throws {@link IndexError} when there is none, when a
 * file is missing, truncated or altered (checksums), when it was written by another
 * schema, or when it was built with another embedder than `embedder`; throws
 * DataDirError when the data directory itself is unusable.
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
    throw new IndexError(
      'corrupt',
      `Index manifest ${join(dir, 'manifest.json')} is missing or unreadable: ${REBUILD}.`,
      { cause: err },
    );
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError(
      'schema',
      `Index in ${dir} has schema ${manifest.schemaVersion}, this version reads ${SCHEMA_VERSION}: ${REBUILD}.`,
    );
  }
  if (manifest.embedder?.id !== embedder.id) {
    throw new IndexError(
      'embedder',
      `Index in ${dir} was built with embedder ${manifest.embedder?.id}, but ${embedder.id} is configured: ${REBUILD}.`,
    );
  }
  // Each file is read once: the small ones into memory, hashed and parsed from there; the
  // vector file (most of the bytes) is hashed in a worker thread while hnswlib reads it and
  // this thread parses the others. Nothing is used unless every checksum matched.
  const path = (name: string) => join(dir, name);
  const check = (name: string, bytes: number, sha256: () => Promise<string> | string) => {
    const expected = manifest.files?.[name];
    if (!expected || bytes !== expected.bytes)
      throw new IndexError(
        'corrupt',
        `Index file ${path(name)} is truncated or altered (checksum mismatch): ${REBUILD}.`,
      );
    return Promise.resolve(sha256()).then((h) => {
      if (h !== expected.sha256)
        throw new IndexError(
          'corrupt',
          `Index file ${path(name)} is truncated or altered (checksum mismatch): ${REBUILD}.`,
        );
    });
  };
  const read = async (name: string): Promise<Buffer> => {
    try {
      return await readFile(path(name));
    } catch (err) {
      throw new IndexError('corrupt', `Index file ${path(name)} is missing: ${REBUILD}.`, { cause: err });
    }
  };
  let vectorBytes: number;
  try {
    vectorBytes = (await stat(path('hnswlib.index'))).size;
  } catch (err) {
    throw new IndexError('corrupt', `Index file ${path('hnswlib.index')} is missing: ${REBUILD}.`, { cause: err });
  }
  const smallNames = ['args.json', 'passages.jsonl', 'bm25.bin', 'articles.jsonl'] as const;
  const small = await Promise.all(smallNames.map(read));
  // All checksums in one worker thread while this one parses; nothing is returned, and
  // hnswlib reads nothing, before every one of them matched.
  const hashing = sha256InWorker(INDEX_FILES.map(path));
  hashing.catch(() => undefined);
  const verify = async () => {
    const sums = await hashing;
    const sizes: Record<string, number> = { 'hnswlib.index': vectorBytes };
    for (const [i, n] of smallNames.entries()) sizes[n] = small[i].length;
    for (const name of INDEX_FILES) await check(name, sizes[name], () => sums[path(name)]);
  };
  const [argsBuf, passagesBuf, bm25Buf, articlesBuf] = small;
  try {
    const parseAll = () => {
      const args = JSON.parse(argsBuf.toString('utf8')) as { space: 'cosine'; numDimensions: number };
      const { passages, hashes } = parsePassages(passagesBuf.toString('utf8'), path('passages.jsonl'));
      return { args, passages, hashes, bm25: decodeBm25(bm25Buf) };
    };
    let parsed: ReturnType<typeof parseAll>;
    try {
      parsed = parseAll();
    } catch (err) {
      await verify(); // a checksum error says more than a parse error
      throw err;
    }
    await verify();
    const { args, passages, hashes, bm25 } = parsed;
    const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    await index.readIndex(path('hnswlib.index'));
    const count = index.getCurrentCount();
    if (
      count !== manifest.passageCount ||
      passages.length !== count ||
      bm25.size !== count ||
      index.getNumDimensions() !== manifest.embedder.dimensions
    ) {
      throw new IndexError(
        'corrupt',
        `Index in ${dir} holds ${count} vectors, ${passages.length} passages and ${bm25.size} lexical entries; its manifest says ${manifest.passageCount}: ${REBUILD}.`,
      );
    }
    index.setEf(manifest.hnsw.efSearch);
    const docstore = new PassageDocstore(passages, hashes);
    const store = new HNSWLib(embedder.embeddings, {
      space: args.space,
      numDimensions: args.numDimensions,
      index,
      docstore: asHnswDocstore(docstore),
    });
    const articles = lazyArticles(articlesBuf, manifest, join(dir, 'articles.jsonl'));
    return Object.defineProperties(
      { store, manifest, passages, hashes, bm25, dir } as LoadedIndex,
      Object.getOwnPropertyDescriptors(articles),
    );
  } catch (err) {
    if (err instanceof IndexError) throw err;
    throw new IndexError('corrupt', `Index in ${dir} cannot be read: ${REBUILD}.`, { cause: err });
  }
}
