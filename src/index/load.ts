/**
 * Loading and verifying the live index generation (layout: generations.ts; files:
 * build.ts). Nothing here tokenises or re-embeds: the vectors, the passages and the BM25
 * index are all read as written at ingest, after their checksums match the manifest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import hnswlib from 'hnswlib-node';
import type { ArticleMeta } from '../corpus/load.js';
import type { Passage } from '../corpus/split.js';
import type { Bm25Index } from '../retrieval/bm25.js';
import type { Embedder } from './embedders.js';
import { checkDataDir, readCurrent } from './generations.js';
import { decodeBm25 } from './lexical-file.js';
import { LazyPassages } from './passage-file.js';
import { type FileRead, INDEX_FILES, type IndexFile, READS, readGeneration, takePreloadedGraph } from './prefetch.js';

/**
 * Bump when the on-disk layout or the meaning of its fields changes. 3: library.json (the
 * composer's library, built at ingest) joined the files.
 */
export const SCHEMA_VERSION = 3;
/** The files of a generation (defined with their reading, in prefetch.ts). */
export { INDEX_FILES, type IndexFile, READS } from './prefetch.js';

/** HNSW graph parameters, recorded in the manifest. */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}
/**
 * Graph parameters. The graph is the one part of a build that runs on one thread, so its
 * cost sets the floor of ingest time; search is 0.3 ms of an answer. Measured on the
 * benchmark's 100k-passage corpus (recall@40 against an exact scan, golden questions and
 * 100 passages as queries): m 12 / efConstruction 40 / efSearch 96 built in 11.2 s with
 * recall 0.61; m 8 / 32 / 256 builds in 7.8 s with recall 0.63 (search 0.18 → 0.29 ms).
 * Hashed vectors are high-dimensional noise to HNSW: recall is bought more cheaply at
 * search time than at build time. An index keeps the parameters it was built with.
 */
export const DEFAULT_HNSW: HnswParams = { m: 8, efConstruction: 32, efSearch: 256 };

/** What a generation holds, and how to check it. */
export interface IndexManifest {
  schemaVersion: number;
  embedder: { id: string; dimensions: number };
  passageCount: number;
  /** Hash of the corpus inputs (see corpusFingerprint in ingest.ts); equal → nothing to rebuild. */
  corpusHash: string;
  /** In the order of the lines of articles.jsonl. */
  /** `sha256` of the decoded text; `fileSha256` of the file's bytes (lets an append skip decoding, append.ts). */
  articles: { source: string; title: string; sha256: string; fileSha256?: string; passages: number }[];
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
  /** All passages in label order (label = position); parses them all: prefer {@link LoadedIndex.passage}. */
  readonly passages: Passage[];
  /** Text hash of each passage, in label order (the key of vector reuse at the next build). */
  readonly hashes: string[];
  /** The passage with a label, parsed on first use; undefined past the end. */
  passage(label: number): Passage | undefined;
  /** The label of the passage with an id (without parsing every passage). */
  labelOf?(id: string): number | undefined;
  /** The lexical index, as written at ingest. */
  bm25: Bm25Index;
  /** library.json as written at ingest (read by src/answer/library-file.ts). */
  libraryText?(): string;
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

export { textHash } from './text-hash.js';

/** sha256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

const REBUILD = 'rebuild with `npm run ingest`';

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
      // Every manifest entry has its line (counted above).
      return manifest.articles.map((a) => article(a.source)).filter((a): a is StoredArticle => a !== undefined);
    },
  };
}

/**
 * The live generation's manifest and directory, checked for schema and embedder. Throws
 * {@link IndexError} when there is no index or the manifest does not fit, DataDirError
 * when the data directory itself is unusable.
 */
export async function readManifest(
  outDir: string,
  embedderId: string,
): Promise<{ manifest: IndexManifest; dir: string }> {
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
  if (manifest.embedder?.id !== embedderId) {
    throw new IndexError(
      'embedder',
      `Index in ${dir} was built with embedder ${manifest.embedder?.id}, but ${embedderId} is configured: ${REBUILD}.`,
    );
  }
  return { manifest, dir };
}

/**
 * Loads and verifies the live index. Throws {@link IndexError} when there is none, when a
 * file is missing, truncated or altered (checksums), when it was written by another
 * schema, or when it was built with another embedder than `embedder`; throws
 * DataDirError when the data directory itself is unusable.
 */
export async function loadIndex(outDir: string, embedder: Embedder): Promise<LoadedIndex> {
  // LangChain's store modules are loaded while the files are read (a build that loads no
  // index never needs them: ~25 MB of modules, issue 11).
  const storeModules = Promise.all([
    import('@langchain/community/vectorstores/hnswlib'),
    import('./passage-docstore.js'),
  ]);
  storeModules.catch(() => undefined); // awaited below
  const { manifest, dir } = await readManifest(outDir, embedder.id);
  // Each file is read once, in worker threads that hash it as they read (prefetch.ts;
  // possibly started by the CLI before this call); the bytes this thread parses are the
  // bytes that were hashed. Nothing is returned, and hnswlib reads no file, before its
  // checksum matched the manifest.
  const path = (name: string) => join(dir, name);
  const reads = readGeneration(dir, READS);
  const preloaded = takePreloadedGraph(dir);
  const verified = async (name: IndexFile): Promise<Buffer | undefined> => {
    let r: FileRead;
    try {
      const read = reads.get(name);
      if (!read) throw new Error(`${path(name)} was not read.`);
      r = await read;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== undefined)
        throw new IndexError('corrupt', `Index file ${path(name)} is missing: ${REBUILD}.`, { cause: err });
      throw new IndexError('corrupt', `Index in ${dir} cannot be read: ${REBUILD}.`, { cause: err });
    }
    const expected = manifest.files?.[name];
    if (!expected || r.size !== expected.bytes || r.sha256 !== expected.sha256)
      throw new IndexError(
        'corrupt',
        `Index file ${path(name)} is truncated or altered (checksum mismatch): ${REBUILD}.`,
      );
    return r.bytes;
  };
  // Every file is checked, in the order of INDEX_FILES, whatever fails to parse first: a
  // checksum error says more than a parse error.
  const checks = Object.fromEntries(INDEX_FILES.map((name) => [name, verified(name)])) as Record<
    IndexFile,
    Promise<Buffer | undefined>
  >;
  for (const c of Object.values(checks)) c.catch(() => undefined);
  const allVerified = async () => {
    for (const name of INDEX_FILES) await checks[name];
  };
  // The verified bytes of a file this thread parses.
  const bytes = async (name: IndexFile): Promise<Buffer> => {
    const b = await checks[name];
    if (!b) throw new Error(`${path(name)} was hashed but not kept in memory.`);
    return b;
  };
  try {
    // The graph is read as soon as its own checksum matched, while the others are checked.
    const graph = (async () => {
      await checks['hnswlib.index'];
      const args = JSON.parse((await bytes('args.json')).toString('utf8')) as {
        space: 'cosine';
        numDimensions: number;
      };
      // Read already by the prefetch when its hashes matched (the same bytes checked here).
      const early = await preloaded;
      if (early) return { args, index: early };
      const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
      await index.readIndex(path('hnswlib.index'));
      return { args, index };
    })();
    graph.catch(() => undefined);
    const parseAll = async () => {
      const passages = new LazyPassages(await bytes('passages.jsonl'), path('passages.jsonl'));
      const bm25 = decodeBm25(await bytes('bm25.bin'));
      const articles = lazyArticles(await bytes('articles.jsonl'), manifest, path('articles.jsonl'));
      const library = await bytes('library.json');
      return { passages, bm25, articles, library };
    };
    let parsed: Awaited<ReturnType<typeof parseAll>>;
    let loaded: Awaited<typeof graph>;
    try {
      parsed = await parseAll();
      loaded = await graph;
    } catch (err) {
      await allVerified();
      throw err;
    }
    await allVerified();
    const { passages, bm25, articles, library } = parsed;
    const { args, index } = loaded;
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
    const [{ HNSWLib }, { asHnswDocstore, PassageDocstore }] = await storeModules;
    const store = new HNSWLib(embedder.embeddings, {
      space: args.space,
      numDimensions: args.numDimensions,
      index,
      docstore: asHnswDocstore(new PassageDocstore(passages)),
    });
    // All passages at once only for callers that ask for them (the next build reuses them).
    let all: { passages: Passage[]; hashes: string[] } | undefined;
    const everything = () => (all ??= passages.all());
    const loadedIndex = {
      store,
      manifest,
      get passages() {
        return everything().passages;
      },
      get hashes() {
        return everything().hashes;
      },
      passage: (label) => passages.passage(label),
      labelOf: (id) => passages.labelOf(id),
      bm25,
      libraryText: () => library.toString('utf8'),
      dir,
    } as LoadedIndex;
    // Defined, not spread: spreading would read (parse) every article now.
    return Object.defineProperties(loadedIndex, Object.getOwnPropertyDescriptors(articles));
  } catch (err) {
    if (err instanceof IndexError) throw err;
    throw new IndexError('corrupt', `Index in ${dir} cannot be read: ${REBUILD}.`, { cause: err });
  }
}
