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
import { badPosting, K1, type ResolvedTerm, topK } from './bm25-top.js';

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

/** Standard BM25 length normalisation (saturation K1 lives with the search, bm25-top.ts). */
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

  private constructor(readonly parts: Bm25Parts) {
    this.size = parts.lengths.length;
    let total = 0;
    for (let d = 0; d < parts.lengths.length; d++) total += parts.lengths[d];
    this.avgLength = this.size ? total / this.size : 1;
    this.termIds = new Map();
    for (const [i, t] of parts.terms.entries()) this.termIds.set(t, i);
  }

  /** Indexes tokenised documents (document i = label i). */
  static fromTokens(docs: Iterable<readonly string[]>): Bm25Index {
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

  private df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.parts.offsets[id + 1] - this.parts.offsets[id];
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for unknown terms. */
  idf(term: string): number {
    return this.idfOf(this.df(term));
  }

  private idfOf(df: number): number {
    return df === 0 ? 0 : Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when some passage contains the term. */
  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * The `k` best documents for the weighted query terms (score descending, then document
   * ascending), exactly as scoring every document would rank them, but with MaxScore
   * pruning (src/retrieval/bm25-top.ts). In large collections terms found in more than a
   * third of the documents are left out: their idf makes their contribution negligible
   * while their postings would dominate the cost.
   */
  search(terms: WeightedTerm[], k: number): Bm25Hit[] {
    const { offsets, docs, tfs } = this.parts;
    const normK = (this.normK ??= this.lengthNorms());
    const maxDf = this.size >= COMMON_TERM_MIN_DOCS ? this.size / 3 : Number.POSITIVE_INFINITY;
    const resolved: ResolvedTerm[] = [];
    for (const { term, weight } of terms) {
      const id = this.termIds.get(term);
      if (id === undefined || !(weight > 0)) continue;
      const from = offsets[id];
      const to = offsets[id + 1];
      if (to - from > maxDf) continue;
      resolved.push({ from, to, weight: this.idfOf(to - from) * weight });
    }
    return topK(docs, tfs, normK, resolved, k);
  }

  /** Each document's length term of the BM25 denominator, computed once (not per posting). */
  private lengthNorms(): Float64Array {
    const { lengths } = this.parts;
    const n = new Float64Array(this.size);
    for (let d = 0; d < this.size; d++) n[d] = K1 * (1 - B + (B * lengths[d]) / this.avgLength);
    return n;
  }

  private normK?: Float64Array;
}

/**
 * The postings of some documents in document order ("forward"): document d's distinct
 * terms and their counts are entries [docStart[d], docStart[d+1]) of `termIds`/`tfs`, the
 * ids naming `vocabulary` entries. What a preparing worker sends for its chunk, and what
 * {@link Bm25Merger} joins in label order into the term-ordered index: no token strings
 * cross threads, and joining is one pass over the entries, with no re-tokenising.
 */
export interface ForwardPostings {
  readonly vocabulary: readonly string[];
  readonly docStart: Uint32Array;
  readonly termIds: Uint32Array;
  readonly tfs: Uint16Array;
  /** Token count of each document. */
  readonly lengths: Uint32Array;
}

/** First code unit of the Han range whose bigrams are terms (the tokenizer's HAN_RUN). */
const BIGRAM_FIRST = 0x3400;
const BIGRAM_LAST = 0x9fff;
const BIGRAM_SPAN = BIGRAM_LAST - BIGRAM_FIRST + 1;

/**
 * Term ids by a non-negative integer key (a bigram's two code units): open addressing in
 * typed arrays, about three times faster than a Map for the ~200 bigrams of every passage.
 */
class IdTable {
  private keys = new Int32Array(1 << 12).fill(-1);
  private ids = new Int32Array(1 << 12);
  private size = 0;

  /** The id of `key`, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = this.keys[slot];
      if (k === key) return this.ids[slot];
      if (k < 0) return -1;
    }
  }

  /** Records a key that is not in the table yet. */
  set(key: number, id: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = hashSlot(key, mask);
    while (this.keys[slot] >= 0) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.size++;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.ids = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) this.set(keys[i], ids[i]);
  }
}

/** Multiplicative (Fibonacci) hashing, high bits folded into the low ones the mask keeps. */
function hashSlot(key: number, mask: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * Builds forward postings one document at a time, in typed arrays that grow as needed.
 * {@link addText} takes a passage's normalised text and words and counts exactly the
 * tokens {@link tokensOf} gives (`w:` words, `b:` Han bigrams), keying bigrams by their two
 * code units instead of building a string per bigram: at ingest that was about 150
 * strings and Map lookups of fresh strings per passage (issue 11).
 */
export class Bm25Builder {
  /** Term ids: of whole tokens ({@link add}), of words without their prefix and of bigrams by code units ({@link addText}). */
  private readonly words = new Map<string, number>();
  private readonly plainWords = new Map<string, number>();
  private readonly bigrams = new IdTable();
  private readonly vocabulary: string[] = [];
  private termIds = new Uint32Array(1 << 14);
  private tfs = new Uint16Array(1 << 14);
  private count = 0;
  private docStart = new Uint32Array(1 << 10);
  private lengths = new Uint32Array(1 << 10);
  private docCount = 0;
  /** seen[term] === docCount + 1: the term occurs in the current document, at entry slot[term]. */
  private seen = new Uint32Array(1 << 12);
  private slot = new Uint32Array(1 << 12);

  /** Adds the next document as a list of tokens. */
  add(tokens: readonly string[]): void {
    this.open();
    for (const t of tokens) {
      let id = this.words.get(t);
      if (id === undefined) this.words.set(t, (id = this.newTerm(t)));
      this.count1(id);
    }
    this.close(tokens.length);
  }

  /** Adds the next document as its normalised text and words: the tokens of {@link tokensOf}. */
  addText(normalized: string, nWords: readonly string[]): void {
    this.open();
    for (const w of nWords) {
      let id = this.plainWords.get(w);
      if (id === undefined) this.plainWords.set(w, (id = this.newTerm(`w:${w}`)));
      this.count1(id);
    }
    let bigrams = 0;
    for (let i = 0; i + 1 < normalized.length; i++) {
      const a = normalized.charCodeAt(i) - BIGRAM_FIRST;
      const b = normalized.charCodeAt(i + 1) - BIGRAM_FIRST;
      if (a < 0 || a >= BIGRAM_SPAN || b < 0 || b >= BIGRAM_SPAN) continue;
      const key = a * BIGRAM_SPAN + b;
      let id = this.bigrams.get(key);
      if (id < 0) this.bigrams.set(key, (id = this.newTerm(`b:${normalized.slice(i, i + 2)}`)));
      this.count1(id);
      bigrams++;
    }
    this.close(nWords.length + bigrams);
  }

  /** The documents added so far, in the order added. */
  forward(): ForwardPostings {
    return {
      vocabulary: this.vocabulary,
      docStart: this.docStart.slice(0, this.docCount + 1),
      termIds: this.termIds.slice(0, this.count),
      tfs: this.tfs.slice(0, this.count),
      lengths: this.lengths.slice(0, this.docCount),
    };
  }

  /** The finished index (postings grouped by term in code-unit order, documents ascending). */
  finish(): Bm25Index {
    const merger = new Bm25Merger();
    const src = merger.addSource(this.forward());
    for (let d = 0; d < this.docCount; d++) merger.addDoc(src, d);
    return merger.finish();
  }

  private newTerm(term: string): number {
    const id = this.vocabulary.length;
    this.vocabulary.push(term);
    if (id >= this.seen.length) {
      this.seen = grow(this.seen, this.seen.length * 2);
      this.slot = grow(this.slot, this.slot.length * 2);
    }
    return id;
  }

  private open(): void {
    if (this.docCount + 2 > this.docStart.length) {
      this.docStart = grow(this.docStart, this.docStart.length * 2);
      this.lengths = grow(this.lengths, this.lengths.length * 2);
    }
    this.docStart[this.docCount] = this.count;
  }

  private count1(id: number): void {
    const stamp = this.docCount + 1;
    if (this.seen[id] === stamp) {
      const at = this.slot[id];
      if (this.tfs[at] < MAX_TF) this.tfs[at]++;
      return;
    }
    if (this.count === this.termIds.length) {
      const n = Math.ceil(this.count * GROWTH);
      this.termIds = grow(this.termIds, n);
      this.tfs = grow(this.tfs, n);
    }
    this.seen[id] = stamp;
    this.slot[id] = this.count;
    this.termIds[this.count] = id;
    this.tfs[this.count] = 1;
    this.count++;
  }

  private close(tokens: number): void {
    this.lengths[this.docCount] = tokens;
    this.docCount++;
    this.docStart[this.docCount] = this.count;
  }
}

/**
 * Where {@link Bm25Merger} keeps the entries of the documents added so far (term id and
 * count, in label order) until it places them: in memory by default; a build of a large
 * corpus gives it a file instead (src/index/spill-file.ts), so that the postings of every
 * passage are not held while the corpus streams in.
 */
export interface EntryStore {
  /** Appends `count` entries. */
  append(termIds: Uint32Array, tfs: Uint16Array, count: number): void;
  /** Calls `fn` with consecutive blocks of the entries, in the order appended. */
  forEachBlock(fn: (termIds: Uint32Array, tfs: Uint16Array, count: number) => void): void;
  /** Lets go of the entries (and any file). */
  dispose(): void;
}

/** Entries in growing typed arrays. */
export class MemoryEntries implements EntryStore {
  private termIds = new Uint32Array(1 << 14);
  private tfs = new Uint16Array(1 << 14);
  private count = 0;

  append(termIds: Uint32Array, tfs: Uint16Array, count: number): void {
    if (this.count + count > this.termIds.length) {
      const n = Math.max(Math.ceil(this.termIds.length * GROWTH), this.count + count);
      this.termIds = grow(this.termIds, n);
      this.tfs = grow(this.tfs, n);
    }
    this.termIds.set(termIds.subarray(0, count), this.count);
    this.tfs.set(tfs.subarray(0, count), this.count);
    this.count += count;
  }

  forEachBlock(fn: (termIds: Uint32Array, tfs: Uint16Array, count: number) => void): void {
    fn(this.termIds, this.tfs, this.count);
  }

  dispose(): void {
    this.termIds = new Uint32Array(0);
    this.tfs = new Uint16Array(0);
    this.count = 0;
  }
}

/** Entries gathered before they are handed to the store: enough to make each append cheap. */
const PENDING_ENTRIES = 1 << 16;

/**
 * Joins documents of several {@link ForwardPostings} (chunks prepared in worker threads,
 * the previous index's reused passages) into one index, labels in the order the documents
 * are added. Each document's entries are renumbered to global term ids as it is added
 * (each term is looked up by string once per source) and kept in an {@link EntryStore};
 * {@link finishParts} places every entry once. A source is not needed after its
 * documents are added ({@link release}).
 */
export class Bm25Merger {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private df = new Uint32Array(1 << 14);
  private readonly sources: ({ fwd: ForwardPostings; map: Int32Array } | undefined)[] = [];
  /** Entries and tokens of each document, by label. */
  private docEntries = new Uint32Array(1 << 12);
  private lengths = new Uint32Array(1 << 12);
  private docCount = 0;
  private entries = 0;
  private readonly pendingIds = new Uint32Array(PENDING_ENTRIES);
  private readonly pendingTfs = new Uint16Array(PENDING_ENTRIES);
  private pending = 0;

  constructor(private readonly store: EntryStore = new MemoryEntries()) {}

  /** Registers a source; returns its handle for {@link addDoc}. */
  addSource(fwd: ForwardPostings): number {
    this.sources.push({ fwd, map: new Int32Array(fwd.vocabulary.length).fill(-1) });
    return this.sources.length - 1;
  }

  /** Lets go of a source whose documents have all been added. */
  release(src: number): void {
    this.sources[src] = undefined;
  }

  /** Appends document `doc` of source `src` as the next label. */
  addDoc(src: number, doc: number): void {
    const s = this.sources[src];
    if (!s) throw new Error(`BM25 merge: source ${src} was released.`);
    const { fwd, map } = s;
    if (doc + 1 >= fwd.docStart.length) throw new Error(`BM25 merge: document ${doc} is not in its source.`);
    const from = fwd.docStart[doc];
    const to = fwd.docStart[doc + 1];
    if (this.pending + (to - from) > PENDING_ENTRIES) this.flush();
    for (let i = from; i < to; i++) {
      const local = fwd.termIds[i];
      let id = map[local];
      if (id < 0) {
        const t = fwd.vocabulary[local];
        id = this.termIds.get(t) ?? -1;
        if (id < 0) {
          id = this.terms.length;
          this.termIds.set(t, id);
          this.terms.push(t);
          if (id >= this.df.length) this.df = grow(this.df, this.df.length * 2);
        }
        map[local] = id;
      }
      this.df[id]++;
      if (this.pending === PENDING_ENTRIES) this.flush(); // a document longer than the buffer
      this.pendingIds[this.pending] = id;
      this.pendingTfs[this.pending] = fwd.tfs[i];
      this.pending++;
    }
    if (this.docCount === this.docEntries.length) {
      this.docEntries = grow(this.docEntries, this.docEntries.length * 2);
      this.lengths = grow(this.lengths, this.lengths.length * 2);
    }
    this.docEntries[this.docCount] = to - from;
    this.lengths[this.docCount] = fwd.lengths[doc];
    this.entries += to - from;
    this.docCount++;
  }

  /** Documents added so far. */
  get size(): number {
    return this.docCount;
  }

  private flush(): void {
    if (this.pending > 0) this.store.append(this.pendingIds, this.pendingTfs, this.pending);
    this.pending = 0;
  }

  /**
   * The merged arrays: terms in code-unit order (the same file however the work was split),
   * documents ascending within a term (entries are placed in label order). The store is
   * disposed of.
   */
  finishParts(): Bm25Parts {
    this.flush();
    this.sources.length = 0;
    const termCount = this.terms.length;
    const order = Array.from({ length: termCount }, (_, i) => i);
    order.sort((a, b) => (this.terms[a] < this.terms[b] ? -1 : this.terms[a] > this.terms[b] ? 1 : 0));
    const rank = new Uint32Array(termCount);
    for (let r = 0; r < termCount; r++) rank[order[r]] = r;
    const offsets = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[rank[t] + 1] = this.df[t];
    for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
    const fill = offsets.slice(0, termCount);
    const docs = new Uint32Array(this.entries);
    const tfs = new Uint16Array(this.entries);
    let label = -1;
    let left = 0;
    const docEntries = this.docEntries;
    try {
      this.store.forEachBlock((ids, counts, n) => {
        for (let i = 0; i < n; i++) {
          while (left === 0) left = docEntries[++label];
          const at = fill[rank[ids[i]]]++;
          docs[at] = label;
          tfs[at] = counts[i];
          left--;
        }
      });
    } finally {
      this.store.dispose();
    }
    return {
      terms: order.map((t) => this.terms[t]),
      offsets,
      docs,
      tfs,
      lengths: this.lengths.slice(0, this.docCount),
    };
  }

  /** The merged index (see {@link finishParts}). */
  finish(): Bm25Index {
    return Bm25Index.fromParts(this.finishParts());
  }
}

function grow<T extends Uint32Array | Uint16Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** An index turned around: the terms and counts of each document (to reuse its documents in a merge). */
export class Bm25Forward implements ForwardPostings {
  /** Document d's entries are [docStart[d], docStart[d+1]). */
  readonly docStart: Uint32Array;
  readonly termIds: Uint32Array;
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
    this.termIds = new Uint32Array(docs.length);
    this.tfs = new Uint16Array(docs.length);
    for (let t = 0; t + 1 < offsets.length; t++) {
      for (let i = offsets[t]; i < offsets[t + 1]; i++) {
        const at = fill[docs[i]]++;
        this.termIds[at] = t;
        this.tfs[at] = tfs[i];
      }
    }
    this.docStart = start;
  }

  get vocabulary(): readonly string[] {
    return this.index.parts.terms;
  }

  get lengths(): Uint32Array {
    return this.index.parts.lengths;
  }
}
