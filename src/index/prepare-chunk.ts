/**
 * One piece of corpus preparation, run in a worker thread (prepare-worker.mjs) or in the
 * calling thread: load and clean some seed files, split them into passages, and index
 * the passages' lexical terms. Pure in its inputs, so the result does not depend on the
 * thread that computed it.
 */
import { createHash } from 'node:crypto';
import type { CheckedCatalog } from '../corpus/catalog-types.js';
import { type Article, type DropReport, loadSeeds, type Skipped } from '../corpus/load.js';
import { type Passage, type SplitOptions, splitArticle } from '../corpus/split.js';
import { Bm25Builder, type ForwardPostings } from '../retrieval/bm25.js';
import { normalizeForSearch } from '../text/script.js';
import { words } from '../text/tokenize.js';
import { articleRuns, type EncodedArticle, encodeArticle } from './encode-article.js';
import { HashingEmbeddings } from './hashing-embeddings.js';
import { textHash } from './text-hash.js';

/** What a chunk is asked to do. */
export interface ChunkTask {
  seedsDir: string;
  /** Seed file names of this chunk (sorted). */
  names: string[];
  /** Whether this chunk also loads the guide (exactly one chunk does). */
  guide: boolean;
  /** The catalog's entries for these files, checked by the caller (default: read here). */
  catalog?: CheckedCatalog;
  /**
   * Give back the articles encoded for writing (`encoded`) instead of article and passage
   * objects (`articles` and `passages` then empty; passage texts in `texts` only when no
   * vector was computed here).
   */
  encode?: boolean;
  split?: SplitOptions;
  /**
   * Also embed the passages with the hashing embedder of these dimensions: it needs the
   * same normalised text and words as the lexical index, computed here once for both.
   */
  hashingDimensions?: number;
}

/** What a chunk gives back. */
export interface ChunkResult {
  /** The articles and their passages in order (empty with `encode`). */
  articles: Article[];
  passages: Passage[];
  /** BM25 postings of `passages` in passage order (document i = passages[i]), merged in label order by the join. */
  bm25: ForwardPostings;
  skipped: Skipped[];
  dropped: DropReport[];
  warnings: string[];
  /** sha256 of each article's raw text, by source (the raw text itself is dropped). */
  rawSha256: Record<string, string>;
  /** Text hash of each passage (textHash), the key of vector reuse and a field of passages.jsonl. */
  hashes: string[];
  /** With `encode`: the articles encoded for writing, in order (their passages consecutive). */
  encoded?: EncodedArticle[];
  /** With `encode` and no `hashingDimensions`: each passage's text (to embed it elsewhere). */
  texts?: string[];
  /** With `hashingDimensions`: passage i's vector at [i × dims, (i + 1) × dims). */
  vectors?: Float32Array;
  /** CPU time of each part in this thread, ms. */
  ms: { loadClean: number; split: number; lexical: number };
}

let hashing: HashingEmbeddings | undefined;

/** Marks passages of guide pages 'guide' and all others 'news' (citations differ). */
export function withKind(passages: Passage[], a: Article): Passage[] {
  const kind = a.meta.kind === 'guide' ? 'guide' : 'news';
  for (const p of passages) p.kind = kind;
  return passages;
}

/** Runs one chunk. */
export async function prepareChunk(task: ChunkTask): Promise<ChunkResult> {
  const t0 = performance.now();
  const only = new Set(task.names);
  const loaded = await loadSeeds(task.seedsDir, { only: (n) => only.has(n), guide: task.guide, catalog: task.catalog });
  const t1 = performance.now();
  const passages = loaded.articles.flatMap((a) => withKind(splitArticle(a.cleaned, a.source, a.title, task.split), a));
  const t2 = performance.now();
  const builder = new Bm25Builder();
  const dims = task.hashingDimensions;
  if (dims && hashing?.dimensions !== dims) hashing = new HashingEmbeddings({ dimensions: dims });
  const vectors = dims ? new Float32Array(passages.length * dims) : undefined;
  passages.forEach((p, i) => {
    const n = normalizeForSearch(p.text);
    const ws = words(n);
    builder.addText(n, ws);
    if (vectors) hashing!.embedNormalizedInto(n, ws, vectors, i * dims!);
  });
  const bm25 = builder.forward();
  const hashes = passages.map((p) => textHash(p.text));
  // The raw and whole cleaned texts are not needed past this point (the manifest needs
  // only the raw text's hash, the stored article only its paragraphs): dropping them here
  // keeps them out of the message to the main thread and out of its peak memory.
  const rawSha256: Record<string, string> = {};
  for (const a of loaded.articles) {
    rawSha256[a.source] = createHash('sha256').update(a.raw).digest('hex');
    a.raw = '';
    a.cleaned = { ...a.cleaned, text: '' };
  }
  let encoded: EncodedArticle[] | undefined;
  let texts: string[] | undefined;
  if (task.encode) {
    encoded = articleRuns(loaded.articles, passages).map(({ article: a, from, to }) =>
      encodeArticle(a, passages.slice(from, to), hashes.slice(from, to), rawSha256[a.source]),
    );
    if (!vectors) texts = passages.map((p) => p.text);
  }
  const t3 = performance.now();
  return {
    articles: task.encode ? [] : loaded.articles,
    passages: task.encode ? [] : passages,
    encoded,
    texts,
    bm25,
    skipped: loaded.skipped,
    dropped: loaded.dropped ?? [],
    warnings: loaded.warnings,
    vectors,
    hashes,
    rawSha256,
    ms: { loadClean: t1 - t0, split: t2 - t1, lexical: t3 - t2 },
  };
}
