/**
 * Okapi BM25 over pre-tokenised passages, with an inverted index.
 *
 * Written here rather than using LangChain's BM25Retriever because that one splits on
 * whitespace (useless for Chinese) and rescans every document with regular expressions
 * on every query, which is far too slow past a few thousand passages. Tokenization is
 * ours (jieba + bigrams, src/text/tokenize.ts); this file is only the scoring.
 */

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

export class Bm25Index {
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  readonly size: number;

  constructor(
    docs: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.size = docs.length;
    this.lengths = new Float64Array(docs.length);
    let total = 0;
    docs.forEach((tokens, doc) => {
      this.lengths[doc] = tokens.length;
      total += tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { docs: [], tfs: [] }));
        p.docs.push(doc);
        p.tfs.push(n);
      }
    });
    this.avgLength = docs.length ? total / docs.length : 1;
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for unknown terms. */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when some passage contains the term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /**
   * The `k` best documents for the weighted query terms. Scores accumulate in a typed
   * array (no per-document allocation), and in large collections terms found in more
   * than a third of the documents are skipped: their idf makes their contribution
   * negligible while their postings would dominate the cost.
   */
  search(terms: WeightedTerm[], k: number): Bm25Hit[] {
    const scores = (this.scratch ??= new Float64Array(this.size));
    const touched: number[] = [];
    const maxDf = this.size >= 5000 ? this.size / 3 : Number.POSITIVE_INFINITY;
    for (const { term, weight } of terms) {
      const p = this.postings.get(term);
      if (!p || p.docs.length > maxDf) continue;
      const idf = this.idf(term) * weight;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i];
        const tf = p.tfs[i];
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / this.avgLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (idf * tf * (this.k1 + 1)) / norm;
      }
    }
    // Partial selection of the k best, then reset only what was touched.
    const best: Bm25Hit[] = [];
    for (const doc of touched) {
      const score = scores[doc];
      if (best.length < k || score > best[best.length - 1].score || (score === best[best.length - 1].score && doc < best[best.length - 1].doc)) {
        best.push({ doc, score });
        best.sort((a, b) => b.score - a.score || a.doc - b.doc);
        if (best.length > k) best.pop();
      }
      scores[doc] = 0;
    }
    return best;
  }

  private scratch?: Float64Array;
}
