/**
 * The embedded default embedder: feature hashing of Chinese text into a dense vector.
 *
 * Design. Each text is normalised (Simplified, half-width, lower case) and turned into
 * features: jieba words (with the scam-vocabulary user dictionary), Han character bigrams
 * and trigrams, and Latin words / numbers. Each feature is hashed (FNV-1a, 32 bit) to one
 * of `dimensions` buckets with a sign taken from another bit of the hash (the "hashing
 * trick" with signed buckets, so collisions cancel rather than pile up), weighted by kind
 * (words and trigrams say more than bigrams) and by 1 + ln(tf), and the vector is
 * L2-normalised so that cosine similarity is a dot product.
 *
 * Why not a neural model by default: it needs a download or an API key, and this project
 * must work offline out of the box. Hashing is deterministic (the same text always gives
 * the same vector, across runs and machines), needs no vocabulary, embeds tens of
 * thousands of passages a second, and on short Chinese news passages it captures lexical
 * and sub-word overlap, which BM25 then complements in hybrid retrieval. Neural providers
 * are configurable behind the same LangChain `Embeddings` interface.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { normalizeForSearch } from '../text/script.js';
import { words } from '../text/tokenize.js';
import { HashingPool } from './hashing-pool.js';

/** Options of {@link HashingEmbeddings}. */
export interface HashingEmbeddingsOptions {
  /**
   * Vector size; default 256. Answers are ranked by BM25 and vectors together: 256 and 512
   * gave identical golden and held-out results (hit@1/hit@5), while 256 halves the vector
   * memory and the HNSW graph's build time (issue 11). Collisions grow below that.
   */
  dimensions?: number;
  /**
   * Worker threads for large batches (≥ {@link PARALLEL_MIN_BATCH} texts); 0 (default)
   * embeds in the calling thread. The vectors are the same either way.
   */
  workers?: number;
}

/** Smallest batch sent to the worker pool; smaller ones are cheaper in-thread. */
export const PARALLEL_MIN_BATCH = 256;

/** Default vector size (see {@link HashingEmbeddingsOptions.dimensions} for why 256). */
export const DEFAULT_DIMENSIONS = 256;

const WEIGHT = { word: 1.6, bigram: 1.0, trigram: 0.6, latin: 1.4 } as const;

/** FNV-1a (32 bit) over `s[from, to)`, seeded per feature kind so kinds never collide. */
function fnv1a(s: string, from: number, to: number, seed: number): number {
  let h = seed;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix) so that low bits, used for the bucket, mix well.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

const SEED = { word: 0x811c9dc5, bigram: 0x01234567, trigram: 0x7654321f, latin: 0x5bd1e995 } as const;

function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Euclidean norm of `v[0, dims)`, summed in index order. */
function l2(v: Float64Array, dims: number): number {
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += v[i] * v[i];
  return Math.sqrt(norm);
}

/**
 * Feature counts keyed by a 32-bit hash: what `Map<hash, count>` plus `Map<hash, weight>`
 * did (a later weight for the same hash replaces the earlier one; iteration in order of
 * first insertion), in typed arrays that are cleared, not reallocated, between texts.
 */
class FeatureTable {
  keys = new Uint32Array(1024);
  counts = new Uint32Array(1024);
  weights = new Float64Array(1024);
  /** Slot of the k-th distinct key, in order of first insertion. */
  order = new Int32Array(512);
  /** used[slot] === this.epoch: the slot holds a key of the current text. */
  private used = new Uint32Array(1024);
  private epoch = 1;
  size = 0;

  clear(): void {
    this.size = 0;
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.used.fill(0);
      this.epoch = 1;
    }
  }

  add(h: number, w: number): void {
    // Kept at most half full, so probes stay short.
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = h & mask;
    while (this.used[slot] === this.epoch) {
      if (this.keys[slot] === h) {
        this.counts[slot]++;
        this.weights[slot] = w;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.used[slot] = this.epoch;
    this.keys[slot] = h;
    this.counts[slot] = 1;
    this.weights[slot] = w;
    this.order[this.size++] = slot;
  }

  private grow(): void {
    const old = { keys: this.keys, counts: this.counts, weights: this.weights, order: this.order, size: this.size };
    const cap = this.keys.length * 2;
    this.keys = new Uint32Array(cap);
    this.counts = new Uint32Array(cap);
    this.weights = new Float64Array(cap);
    this.used = new Uint32Array(cap);
    this.order = new Int32Array(cap / 2);
    this.epoch = 1;
    this.size = 0;
    const mask = cap - 1;
    for (let k = 0; k < old.size; k++) {
      const from = old.order[k];
      let slot = old.keys[from] & mask;
      while (this.used[slot] === this.epoch) slot = (slot + 1) & mask;
      this.used[slot] = this.epoch;
      this.keys[slot] = old.keys[from];
      this.counts[slot] = old.counts[from];
      this.weights[slot] = old.weights[from];
      this.order[this.size++] = slot;
    }
  }
}

/** A deterministic, offline LangChain embedder for Chinese text. */
export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly workers: number;
  private pool?: HashingPool;

  constructor(opts: HashingEmbeddingsOptions = {}) {
    super({});
    this.dimensions = opts.dimensions ?? DEFAULT_DIMENSIONS;
    this.workers = opts.workers ?? 0;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 16) {
      throw new Error(`HashingEmbeddings: dimensions must be an integer ≥ 16, got ${opts.dimensions}`);
    }
  }

  /** Identifies the embedder and its settings in the index manifest. */
  get id(): string {
    return `hashing-v2-${this.dimensions}`;
  }

  /** Embeds one text synchronously (the async methods only wrap this). */
  embed(text: string): number[] {
    const n = normalizeForSearch(text);
    return this.embedNormalized(n, words(n));
  }

  /**
   * Embeds a text from its search-normalised form and its words (`words(n)`), for a caller
   * that has them already (ingestion computes them once for the lexical index too).
   * `embed(t)` is exactly `embedNormalized(normalizeForSearch(t), words(normalizeForSearch(t)))`.
   */
  embedNormalized(n: string, nWords: string[]): number[] {
    const v = this.accumulate(n, nWords);
    const dims = this.dimensions;
    const norm = l2(v, dims);
    const out = new Array<number>(dims);
    for (let i = 0; i < dims; i++) out[i] = norm > 0 ? v[i] / norm : 0;
    return out;
  }

  /**
   * {@link embedNormalized} written into `out` at `offset` (as float32, exactly what
   * setting the returned array there gives), without allocating the array.
   */
  embedNormalizedInto(n: string, nWords: string[], out: Float32Array, offset: number): void {
    const v = this.accumulate(n, nWords);
    const dims = this.dimensions;
    const norm = l2(v, dims);
    for (let i = 0; i < dims; i++) out[offset + i] = norm > 0 ? v[i] / norm : 0;
  }

  /** The unnormalised vector of a text's features (a buffer reused by the next call). */
  private accumulate(n: string, nWords: string[]): Float64Array {
    // Features are counted by their hash in an open-addressing table of typed arrays that
    // is reused from text to text (two Maps per text were a tenth of ingestion CPU), and
    // summed in order of first occurrence as before, so the vectors are bit for bit the same.
    const t = (this.table ??= new FeatureTable());
    t.clear();
    for (const w of nWords) {
      const han = isHanCode(w.charCodeAt(0));
      t.add(fnv1a(w, 0, w.length, han ? SEED.word : SEED.latin), han ? WEIGHT.word : WEIGHT.latin);
    }
    for (let i = 0; i + 1 < n.length; i++) {
      if (!isHanCode(n.charCodeAt(i)) || !isHanCode(n.charCodeAt(i + 1))) continue;
      t.add(fnv1a(n, i, i + 2, SEED.bigram), WEIGHT.bigram);
      if (i + 2 < n.length && isHanCode(n.charCodeAt(i + 2))) t.add(fnv1a(n, i, i + 3, SEED.trigram), WEIGHT.trigram);
    }
    const dims = this.dimensions;
    const v = this.sums?.length === dims ? this.sums.fill(0) : (this.sums = new Float64Array(dims));
    for (let k = 0; k < t.size; k++) {
      const slot = t.order[k];
      const h = t.keys[slot];
      // Bucket from the low bits, sign from the top bit; sub-linear in repetitions: a word
      // said five times is not five times as relevant.
      const sign = h & 0x80000000 ? -1 : 1;
      v[h % dims] += sign * t.weights[slot] * (1 + Math.log(t.counts[slot]));
    }
    return v;
  }

  private table?: FeatureTable;
  private sums?: Float64Array;

  async embedDocuments(documents: string[]): Promise<number[][]> {
    if (this.workers > 0 && documents.length >= PARALLEL_MIN_BATCH) {
      this.pool ??= new HashingPool(this.workers, this.dimensions);
      return this.pool.embed(documents);
    }
    return documents.map((d) => this.embed(d));
  }

  /** Stops the worker threads, if any were started. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
