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
import { hanBigrams, words } from '../text/tokenize.js';
import { normalizeForSearch } from '../text/script.js';

/** Options of {@link HashingEmbeddings}. */
export interface HashingEmbeddingsOptions {
  /** Vector size; default 512 (256 gives visibly noisier similarities through hash collisions). */
  dimensions?: number;
}

const WEIGHT = { word: 1.6, bigram: 1.0, trigram: 0.6, latin: 1.4 } as const;

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic, offline LangChain embedder for Chinese text. */
export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(opts: HashingEmbeddingsOptions = {}) {
    super({});
    this.dimensions = opts.dimensions ?? 512;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 16) {
      throw new Error(`HashingEmbeddings: dimensions must be an integer ≥ 16, got ${opts.dimensions}`);
    }
  }

  /** Identifies the embedder and its settings in the index manifest. */
  get id(): string {
    return `hashing-v1-${this.dimensions}`;
  }

  /** Embeds one text synchronously (the async methods only wrap this). */
  embed(text: string): number[] {
    const n = normalizeForSearch(text);
    const counts = new Map<string, number>();
    const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w);
    for (const w of words(n)) add(/[\u3400-\u9fff]/u.test(w) ? `w:${w}` : `l:${w}`, /[\u3400-\u9fff]/u.test(w) ? WEIGHT.word : WEIGHT.latin);
    for (const b of hanBigrams(n)) add(`b:${b}`, WEIGHT.bigram);
    for (const run of n.match(/[\u3400-\u9fff]{3,}/gu) ?? []) {
      for (let i = 0; i + 2 < run.length; i++) add(`t:${run.slice(i, i + 3)}`, WEIGHT.trigram);
    }
    const v = new Float64Array(this.dimensions);
    for (const [f, weight] of counts) {
      const h = fnv1a(f);
      const sign = fnv1a(f, 0x9747b28c) & 1 ? 1 : -1;
      // Sub-linear in repetitions: a word said five times is not five times as relevant.
      const kindWeight = WEIGHT[f[0] === 'w' ? 'word' : f[0] === 'b' ? 'bigram' : f[0] === 't' ? 'trigram' : 'latin'];
      const tf = weight / kindWeight;
      v[h % this.dimensions] += sign * kindWeight * (1 + Math.log(tf));
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    const out = new Array<number>(this.dimensions);
    for (let i = 0; i < v.length; i++) out[i] = norm > 0 ? v[i] / norm : 0;
    return out;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
