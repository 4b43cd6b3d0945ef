/**
 * Exact top-k BM25 over the index's posting arrays, with MaxScore pruning (Turtle &
 * Flood 1995, in the windowed form of Lucene's MaxScoreBulkScorer).
 *
 * Why not score every posting: at a million passages a question's terms have up to two
 * million postings (common bigrams such as 诈骗 are in a third of the passages), and
 * adding them all up was ~70 % of a warm answer. A term's contribution to any document is
 * below `idf × weight × (k1 + 1)`, so once the k-th best score so far (θ) exceeds the sum
 * of the smallest such bounds, those terms ("non-essential") cannot on their own put a
 * document into the top k: documents are found through the other terms only, and the
 * non-essential ones are looked up (galloping search in their postings) for candidates
 * whose bound still reaches θ.
 *
 * The result is exactly that of scoring every document: each document kept is scored
 * again in the query's term order with the same arithmetic (so floating-point sums, and
 * hence ties, are those of the exhaustive sum), and only documents whose upper bound is
 * below θ are skipped. Written by hand: no maintained JavaScript library does pruned BM25
 * over our on-disk arrays.
 */

/** A query term resolved against the index: its postings and its weight × idf. */
export interface ResolvedTerm {
  /** Postings are `docs/tfs[from .. to)`, documents ascending. */
  from: number;
  to: number;
  /** idf × the term's query weight (> 0). */
  weight: number;
}

/** A scored document. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/** BM25 saturation, as in bm25.ts (the bound `weight × (K1 + 1)` depends on it). */
export const K1 = 1.2;

/**
 * Documents per window: essential postings are added up window by window, then the
 * window's candidates are checked against θ, which is raised between windows. 4096 as in
 * Lucene: small enough that θ rises early, large enough that a window's bookkeeping is
 * small next to its postings.
 */
export const WINDOW = 4096;

/**
 * A window where more than 1 / DENSE_SHARE of the documents are candidates is scanned slot
 * by slot rather than sorting its candidates (sorting thousands of slots per window cost
 * more than the scan).
 */
const DENSE_SHARE = 8;

/**
 * Bounds are compared with θ after this relative margin, so that rounding in a sum of
 * bounds can never skip a document whose exact score reaches θ.
 */
const BOUND_MARGIN = 1 + 1e-9;

/**
 * The `k` best documents (score descending, then document ascending) for terms given in
 * query order. `normK[d]` is document d's length term of the BM25 denominator;
 * `window` is a parameter for tests only.
 */
export function topK(
  docs: Uint32Array,
  tfs: Uint16Array,
  normK: Float64Array,
  terms: readonly ResolvedTerm[],
  k: number,
  window = WINDOW,
): ScoredDoc[] {
  const size = normK.length;
  const n = terms.length;
  if (k <= 0 || n === 0) return [];
  // Terms by ascending bound; prefix[j] = sum of the j smallest bounds.
  const byBound = [...terms.keys()].sort((a, b) => terms[a].weight - terms[b].weight || a - b);
  const prefix = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) prefix[j + 1] = prefix[j] + terms[byBound[j]].weight * (K1 + 1);
  const pos = new Uint32Array(n); // cursor of each term (in byBound order) for finding and probing
  const exact = new Uint32Array(n); // cursor of each term (in query order) for exact scores
  for (let j = 0; j < n; j++) {
    pos[j] = terms[byBound[j]].from;
    exact[j] = terms[j].from;
  }
  const acc = new Float64Array(window);
  const touched = new Uint32Array(window);
  const heap: ScoredDoc[] = [];
  let theta = Number.NEGATIVE_INFINITY;
  let nonEssential = 0; // terms byBound[0 .. nonEssential) are probed, not scanned

  for (;;) {
    // The next window starts at the smallest document left in an essential list.
    let base = Number.POSITIVE_INFINITY;
    for (let j = nonEssential; j < n; j++) {
      const t = terms[byBound[j]];
      if (pos[j] < t.to && docs[pos[j]] < base) base = docs[pos[j]];
    }
    if (base === Number.POSITIVE_INFINITY) break;
    const end = base + window;
    let nTouched = 0;
    for (let j = nonEssential; j < n; j++) {
      const t = terms[byBound[j]];
      const w = t.weight * (K1 + 1);
      let i = pos[j];
      for (; i < t.to; i++) {
        const doc = docs[i];
        if (doc >= end) break;
        if (doc >= size) throw badPosting(i, doc, size);
        const tf = tfs[i];
        const slot = doc - base;
        if (acc[slot] === 0) touched[nTouched++] = slot;
        acc[slot] += (w * tf) / (tf + normK[doc]);
      }
      pos[j] = i;
    }
    // Candidates in document order (cursors only move forward): a dense window is scanned,
    // a sparse one sorted.
    const dense = nTouched * DENSE_SHARE > window;
    const slots = dense ? touched : touched.subarray(0, nTouched).sort();
    const last = dense ? window : nTouched;
    for (let c = 0; c < last; c++) {
      const slot = dense ? c : slots[c];
      let partial = acc[slot];
      if (partial === 0) continue;
      acc[slot] = 0;
      const doc = base + slot;
      // Add the non-essential terms, largest bound first, while the bound reaches θ.
      let j = nonEssential;
      while (j > 0 && (partial + prefix[j]) * BOUND_MARGIN >= theta) {
        j--;
        const t = terms[byBound[j]];
        const i = seek(docs, pos[j], t.to, doc);
        pos[j] = i;
        if (i < t.to && docs[i] === doc) {
          const tf = tfs[i];
          partial += (t.weight * (K1 + 1) * tf) / (tf + normK[doc]);
        }
      }
      if (j > 0 || partial * BOUND_MARGIN < theta) continue;
      const score = exactScore(docs, tfs, normK, terms, exact, doc);
      if (heap.length < k) {
        heap.push({ doc, score });
        siftUp(heap, heap.length - 1);
      } else if (worse(heap[0], doc, score)) {
        heap[0] = { doc, score };
        siftDown(heap, 0);
      } else continue;
      if (heap.length === k) theta = heap[0].score;
    }
    while (nonEssential < n && prefix[nonEssential + 1] * BOUND_MARGIN < theta) nonEssential++;
  }
  return heap.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/**
 * Document `doc`'s score summed in query order with the exhaustive search's arithmetic
 * (`cursor` per term in query order, moved forward: documents are scored ascending).
 */
function exactScore(
  docs: Uint32Array,
  tfs: Uint16Array,
  normK: Float64Array,
  terms: readonly ResolvedTerm[],
  cursor: Uint32Array,
  doc: number,
): number {
  let score = 0;
  for (let j = 0; j < terms.length; j++) {
    const t = terms[j];
    const i = seek(docs, cursor[j], t.to, doc);
    cursor[j] = i;
    if (i < t.to && docs[i] === doc) {
      const tf = tfs[i];
      score += (t.weight * tf * (K1 + 1)) / (tf + normK[doc]);
    }
  }
  return score;
}

/** The first index in [from, to) whose document is ≥ target (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, to: number, target: number): number {
  if (from >= to || docs[from] >= target) return from;
  let lo = from; // docs[lo] < target
  let step = 1;
  let hi = from + step;
  while (hi < to && docs[hi] < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > to) hi = to;
  // docs[lo] < target, and docs[hi] >= target or hi === to
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid] < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** True when the kept hit `a` ranks below (doc, score). */
function worse(a: ScoredDoc, doc: number, score: number): boolean {
  return a.score < score || (a.score === score && a.doc > doc);
}

function below(a: ScoredDoc, b: ScoredDoc): boolean {
  return worse(a, b.doc, b.score);
}

/** Moves heap[i] up while it ranks below its parent (the root is the worst kept). */
function siftUp(heap: ScoredDoc[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!below(heap[i], heap[parent])) return;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

/** Moves heap[i] down while a child ranks below it. */
function siftDown(heap: ScoredDoc[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = i;
    if (l < heap.length && below(heap[l], heap[w])) w = l;
    if (r < heap.length && below(heap[r], heap[w])) w = r;
    if (w === i) return;
    [heap[i], heap[w]] = [heap[w], heap[i]];
    i = w;
  }
}

export function badPosting(i: number, doc: number, size: number): Error {
  return new Error(`BM25 posting ${i} names document ${doc} of ${size}.`);
}
