import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { K1, type ResolvedTerm, topK } from '../../src/retrieval/bm25-top.js';

/** Postings of several terms over `size` documents, packed as the index packs them. */
interface Postings {
  docs: Uint32Array;
  tfs: Uint16Array;
  normK: Float64Array;
  terms: ResolvedTerm[];
}

/**
 * Random postings with many ties: term weights, counts and document lengths come from
 * small sets, so that many documents score exactly alike and the order between them
 * (document ascending) is tested across windows. Large counts over the shortest length
 * norm (0.3, BM25's least) make contributions come within 0.001 % of their bounds, so a
 * bound only slightly too tight shows; `share` sometimes gives two query terms the same
 * postings.
 */
const postingsOf = (maxSize: number) =>
  fc
    .record({
      size: fc.integer({ min: 1, max: maxSize }),
      norms: fc.array(fc.constantFrom(0.3, 0.3000001, 0.9, 1.2, 2.5), { minLength: 64, maxLength: 64 }),
      terms: fc.array(
        fc.record({
          weight: fc.constantFrom(0.4, 1, 2.3, 7),
          density: fc.constantFrom(0.01, 0.1, 0.5, 0.95),
          seed: fc.integer(),
          share: fc.boolean(),
        }),
        { minLength: 1, maxLength: 7 },
      ),
    })
    .map(({ size, norms, terms }): Postings => {
      const docs: number[] = [];
      const tfs: number[] = [];
      const resolved: ResolvedTerm[] = [];
      const TFS = [1, 1, 1, 1, 2, 3, 50, 65535];
      for (const { weight, density, seed, share } of terms) {
        const prev = resolved.at(-1);
        if (share && prev) {
          resolved.push({ from: prev.from, to: prev.to, weight });
          continue;
        }
        let x = seed >>> 0 || 1;
        const rand = () => {
          // xorshift32: deterministic per term, so fast-check can shrink by the seed
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          return (x >>> 0) / 2 ** 32;
        };
        const from = docs.length;
        for (let d = 0; d < size; d++) {
          if (rand() >= density) continue;
          docs.push(d);
          tfs.push(TFS[Math.floor(rand() * TFS.length)]);
        }
        resolved.push({ from, to: docs.length, weight });
      }
      // Document d's norm from a small table, so that many documents are alike.
      const normK = new Float64Array(size);
      for (let d = 0; d < size; d++) normK[d] = norms[(d * 7) % norms.length];
      return { docs: Uint32Array.from(docs), tfs: Uint16Array.from(tfs), normK, terms: resolved };
    });

/** Every document scored term by term in query order: the search before pruning. */
function exhaustive({ docs, tfs, normK, terms }: Postings, k: number): { doc: number; score: number }[] {
  const scores = new Float64Array(normK.length);
  const seen = new Set<number>();
  for (const t of terms) {
    for (let i = t.from; i < t.to; i++) {
      const doc = docs[i];
      const tf = tfs[i];
      seen.add(doc);
      scores[doc] += (t.weight * tf * (K1 + 1)) / (tf + normK[doc]);
    }
  }
  return [...seen]
    .map((doc) => ({ doc, score: scores[doc] }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, k);
}

describe('pruned BM25 top-k', () => {
  it('returns exactly what scoring every document returns, scores bit for bit, for any window', () => {
    fc.assert(
      fc.property(postingsOf(400), fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 3, 16, 64), (p, k, window) => {
        expect(topK(p.docs, p.tfs, p.normK, p.terms, k, window)).toEqual(exhaustive(p, k));
      }),
      { numRuns: 400 },
    );
  });

  it('does the same over several windows of the default size', () => {
    fc.assert(
      fc.property(postingsOf(20_000), fc.integer({ min: 1, max: 60 }), (p, k) => {
        expect(topK(p.docs, p.tfs, p.normK, p.terms, k)).toEqual(exhaustive(p, k));
      }),
      { numRuns: 40 },
    );
  });

  it('skips documents only reachable through low-weight terms once the k best are above them', () => {
    // One rare heavy term in documents 0..9, one light term in every document: after the
    // first window the light term alone cannot reach the 5th best score, so documents
    // beyond 10 that only it reaches are never candidates, and the answer is unchanged.
    const size = 5000;
    const docs: number[] = [];
    const tfs: number[] = [];
    for (let d = 0; d < 10; d++) docs.push(d), tfs.push(1);
    for (let d = 0; d < size; d++) docs.push(d), tfs.push(1);
    const p: Postings = {
      docs: Uint32Array.from(docs),
      tfs: Uint16Array.from(tfs),
      normK: new Float64Array(size).fill(1.2),
      terms: [
        { from: 0, to: 10, weight: 9 },
        { from: 10, to: 10 + size, weight: 0.5 },
      ],
    };
    // Count the light term's postings read (a proxy over the document array).
    const read = new Set<number>();
    const counted = new Proxy(p.docs, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= 10) read.add(Number(key));
        return Reflect.get(target, key);
      },
    });
    const hits = topK(counted, p.tfs, p.normK, p.terms, 5, 16);
    expect(hits).toEqual(exhaustive(p, 5));
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2, 3, 4]);
    expect(read.size).toBeGreaterThan(0);
    expect(read.size).toBeLessThan(50);
  });

  it('returns nothing for k = 0 or no terms, and throws on a posting past the documents', () => {
    const p: Postings = {
      docs: Uint32Array.from([0, 7]),
      tfs: Uint16Array.from([1, 1]),
      normK: new Float64Array(3).fill(1),
      terms: [{ from: 0, to: 2, weight: 1 }],
    };
    expect(topK(p.docs, p.tfs, p.normK, p.terms, 0)).toEqual([]);
    expect(topK(p.docs, p.tfs, p.normK, [], 3)).toEqual([]);
    expect(() => topK(p.docs, p.tfs, p.normK, p.terms, 3)).toThrow(/posting 1 names document 7 of 3/);
  });
});
