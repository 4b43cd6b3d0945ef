/**
 * Okapi BM25 over pre-tokenised passages, with an inverted index held in flat typed arrays
 * (compressed sparse rows: one run of postings per term), so that it can be written to one
 * file at ingest and read back at start without re-tokenising (src/index/lexical-file.ts).
 *
 * Written here rather than using LangChain's BM25Retriever because that one splits on
 * whitespace (useless for Chinese) and rescans every document with regular expressions
 * on every query, which is far too slow past a few thousand passages. Tokenization is
 * ours (jieba + bigrams, src/text/tokenize.ts); this file is only the scoring.
 */

import { normalizeForSearch } from '../text/script.js';
import { hanBigrams, words } from '../text/tokenize.js';

/** A query term with its weight (expansions count less than the user's own words). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A scored document. */
export interface Bm25Hit {
  doc: number;
  score: number;
}

/** Standard BM25 saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** tf is stored in 16 bits; a term repeated more often in one passage saturates long before. */
const MAX_TF = 0xffff;
/**
 * Growth of the builder's posting arrays when full: by half rather than double, so that a
 * 100k-passage build (8M postings, 10 bytes each while building) holds less unused room.
 */
const GROWTH = 1.5;
/** Collections at least this large skip very common terms at query time (see search). */
const COMMON_TERM_MIN_DOCS = 5000;

/**
 * The lexical terms of a passage: its words (`w:`) and Han character bigrams (`b:`) after
 * search normalisation (Simplified, half-width, lower case). Queries use the same prefixes.
 */
export function passageTokens(text: string): string[] {
  const n = normalizeForSearch(text);
  return tokensOf(n, words(n));
}

/** {@link passageTokens} from the normalised text and its words, when the caller has them. */
export function tokensOf(normalized: string, nWords: string[]): string[] {
  return [...nWords.map((w) => `w:${w}`), ...hanBigrams(normalized).map((b) => `b:${b}`)];
}

/** The arrays of an index, as written to and read from disk. */
export interface Bm25Parts {
  /** Terms; term i's postings are `docs/tfs[offsets[i] .. offsets[i+1])`, docs ascending. */
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Token count of each document. */
  lengths: Uint32Array;
}

/** A BM25 index; build with {@link Bm25Index.fromTokens} or {@link Bm25Index.fromParts}. */
export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly avgLength: number;
  readonly size: number;
  private scratch?: Float64Array;

  private constructor(
    readonly parts: Bm25Parts,
    termIds?: Map<string, number>,
  ) {
    this.size = parts.lengths.length;
    let total = 0;
    for (let d = 0; d < parts.lengths.length; d++) total += parts.lengths[d];
    this.avgLength = this.size ? total / this.size : 1;
    if (termIds) this.termIds = termIds;
    else {
      this.termIds = new Map();
      for (const [i, t] of parts.terms.entries()) this.termIds.set(t, i);
    }
  }

  /** Indexes tokenised documents (document i = label i). */
  static fromTokens(docs: Iterable<string[]>): Bm25Index {
    const builder = new Bm25Builder();
    for (const tokens of docs) builder.add(tokens);
    return builder.finish();
  }

  /**
   * An index over arrays read from disk (checked for consistency; throws when they are
   * not). Each posting's document number is checked where it is read (search,
   * {@link Bm25Forward}) rather than here: a pass over every posting (9 M at 100k
   * passages) cost ~20–50 ms of each start, for a file whose checksum already matched.
   */
  static fromParts(parts: Bm25Parts): Bm25Index {
    const { terms, offsets, docs, tfs } = parts;
    if (
      offsets.length !== terms.length + 1 ||
      offsets[0] !== 0 ||
      offsets[terms.length] !== docs.length ||
      docs.length !== tfs.length
    ) {
      throw new Error(
        `Inconsistent BM25 arrays: ${terms.length} terms, ${offsets.length} offsets, ${docs.length} postings, ${tfs.length} tfs.`,
      );
    }
    return new Bm25Index(parts);
  }

  /** @internal used by the builder, which has the term map already. */
  static fromBuilt(parts: Bm25Parts, termIds: Map<string, number>): Bm25Index {
    return new Bm25Index(parts, termIds);
  }

  private df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.parts.offsets[id + 1] - this.parts.offsets[id];
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for unknown terms. */
  idf(term: string): number {
    const df = this.df(term);
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when some passage contains the term. */
  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * The `k` best documents for the weighted query terms. Scores accumulate in a typed
   * array (no per-document allocation), and in large collections terms found in more
   * than a third of the documents are skipped: their idf makes their contribution
   * negligible while their postings would dominate the cost.
   */
  search(terms: WeightedTerm[], k: number): Bm25Hit[] {
    const { offsets, docs, tfs, lengths } = this.parts;
    const scores = (this.scratch ??= new Float64Array(this.size));
    const touched: number[] = [];
    const maxDf = this.size >= COMMON_TERM_MIN_DOCS ? this.size / 3 : Number.POSITIVE_INFINITY;
    for (const { term, weight } of terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const from = offsets[id];
      const to = offsets[id + 1];
      if (to - from > maxDf) continue;
      const idf = this.idf(term) * weight;
      for (let i = from; i < to; i++) {
        const doc = docs[i];
        if (doc >= this.size) throw badPosting(i, doc, this.size);
        const tf = tfs[i];
        const norm = tf + K1 * (1 - B + (B * lengths[doc]) / this.avgLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (idf * tf * (K1 + 1)) / norm;
      }
    }
    // Partial selection of the k best, then reset only what was touched.
    const best: Bm25Hit[] = [];
    for (const doc of touched) {
      const score = scores[doc];
      if (
        best.length < k ||
        score > best[best.length - 1].score ||
        (score === best[best.length - 1].score && doc < best[best.length - 1].doc)
      ) {
        best.push({ doc, score });
        best.sort((a, b) => b.score - a.score || a.doc - b.doc);
        if (best.length > k) best.pop();
      }
      scores[doc] = 0;
    }
    return best;
  }
}

/**
 * Builds an index one document at a time (labels in the order added), so that a large
 * corpus never holds all token lists at once: postings grow in chunked typed arrays.
 */
export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  // Postings in arrival order, per term as linked runs: (term, doc, tf) triples.
  private postTerm = new Uint32Array(1 << 16);
  private postDoc = new Uint32Array(1 << 16);
  private postTf = new Uint16Array(1 << 16);
  private count = 0;
  private lengths = new Uint32Array(1 << 12);
  private docCount = 0;
  private readonly tf = new Map<number, number>();

  /** Adds the next document. */
  add(tokens: string[]): void {
    const doc = this.docCount++;
    if (doc >= this.lengths.length) this.lengths = grow(this.lengths, this.lengths.length * 2);
    this.lengths[doc] = tokens.length;
    const tf = this.tf;
    tf.clear();
    for (const t of tokens) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(t, id);
        this.terms.push(t);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    if (this.count + tf.size > this.postDoc.length) {
      const n = Math.max(Math.ceil(this.postDoc.length * GROWTH), this.count + tf.size);
      this.postTerm = grow(this.postTerm, n);
      this.postDoc = grow(this.postDoc, n);
      this.postTf = grow(this.postTf, n);
    }
    for (const [id, n] of tf) {
      this.postTerm[this.count] = id;
      this.postDoc[this.count] = doc;
      this.postTf[this.count] = Math.min(n, MAX_TF);
      this.count++;
    }
  }

  /**
   * Appends document `doc` of another index as it is there (its terms and counts): for
   * passages reused from the previous build, or indexed by a worker thread.
   */
  addFrom(src: Bm25Forward, doc: number): void {
    const d = this.docCount++;
    if (d >= this.lengths.length) this.lengths = grow(this.lengths, this.lengths.length * 2);
    this.lengths[d] = src.index.parts.lengths[doc];
    let map = this.maps.get(src);
    if (!map) this.maps.set(src, (map = new Int32Array(src.index.parts.terms.length).fill(-1)));
    const from = src.docStart[doc];
    const to = src.docStart[doc + 1];
    if (this.count + (to - from) > this.postDoc.length) {
      const n = Math.max(Math.ceil(this.postDoc.length * GROWTH), this.count + (to - from));
      this.postTerm = grow(this.postTerm, n);
      this.postDoc = grow(this.postDoc, n);
      this.postTf = grow(this.postTf, n);
    }
    for (let i = from; i < to; i++) {
      const srcTerm = src.terms[i];
      let id = map[srcTerm];
      if (id < 0) {
        const t = src.index.parts.terms[srcTerm];
        id = this.termIds.get(t) ?? -1;
        if (id < 0) {
          id = this.terms.length;
          this.termIds.set(t, id);
          this.terms.push(t);
        }
        map[srcTerm] = id;
      }
      this.postTerm[this.count] = id;
      this.postDoc[this.count] = d;
      this.postTf[this.count] = src.tfs[i];
      this.count++;
    }
  }

  private readonly maps = new Map<Bm25Forward, Int32Array>();

  /** The finished index (postings grouped by term, documents ascending within a term). */
  finish(canonical = true): Bm25Index {
    const termCount = this.terms.length;
    // Terms in code-unit order, whatever order they arrived in: the same passages give the
    // same file however the work was split (worker count, reuse of a previous build).
    // Partial indexes that are only merged again skip the sort (`canonical = false`).
    const order = Array.from({ length: termCount }, (_, i) => i);
    if (canonical) order.sort((a, b) => (this.terms[a] < this.terms[b] ? -1 : this.terms[a] > this.terms[b] ? 1 : 0));
    const rank = new Uint32Array(termCount);
    for (let r = 0; r < termCount; r++) rank[order[r]] = r;
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < this.count; i++) offsets[rank[this.postTerm[i]] + 1]++;
    for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
    const fill = offsets.slice(0, termCount);
    const docs = new Uint32Array(this.count);
    const tfs = new Uint16Array(this.count);
    // Postings arrive in document order, so a stable counting sort keeps docs ascending.
    for (let i = 0; i < this.count; i++) {
      const at = fill[rank[this.postTerm[i]]]++;
      docs[at] = this.postDoc[i];
      tfs[at] = this.postTf[i];
    }
    const lengths = this.lengths.slice(0, this.docCount);
    const terms = canonical ? order.map((t) => this.terms[t]) : this.terms;
    const termIds = canonical ? new Map<string, number>() : this.termIds;
    if (canonical) for (let r = 0; r < termCount; r++) termIds.set(terms[r], r);
    return Bm25Index.fromBuilt({ terms, offsets, docs, tfs, lengths }, termIds);
  }
}

function badPosting(i: number, doc: number, size: number): Error {
  return new Error(`BM25 posting ${i} names document ${doc} of ${size}.`);
}

function grow<T extends Uint32Array | Uint16Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** An index turned around: the terms and counts of each document (for {@link Bm25Builder.addFrom}). */
export class Bm25Forward {
  /** Document d's entries are [docStart[d], docStart[d+1]). */
  readonly docStart: Uint32Array;
  readonly terms: Uint32Array;
  readonly tfs: Uint16Array;

  constructor(readonly index: Bm25Index) {
    const { offsets, docs, tfs, lengths } = index.parts;
    const start = new Uint32Array(lengths.length + 1);
    for (let i = 0; i < docs.length; i++) {
      if (docs[i] >= lengths.length) throw badPosting(i, docs[i], lengths.length);
      start[docs[i] + 1]++;
    }
    for (let d = 0; d < lengths.length; d++) start[d + 1] += start[d];
    const fill = start.slice(0, lengths.length);
    this.terms = new Uint32Array(docs.length);
    this.tfs = new Uint16Array(docs.length);
    for (let t = 0; t + 1 < offsets.length; t++) {
      for (let i = offsets[t]; i < offsets[t + 1]; i++) {
        const at = fill[docs[i]]++;
        this.terms[at] = t;
        this.tfs[at] = tfs[i];
      }
    }
    this.docStart = start;
  }
}
