import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBm25, encodeBm25 } from '../../src/index/lexical-file.js';
import { Bm25Builder, Bm25Forward, Bm25Index, Bm25Merger, tokensOf } from '../../src/retrieval/bm25.js';
import { normalizeForSearch } from '../../src/text/script.js';
import { words } from '../../src/text/tokenize.js';

const DOCS = [
  ['w:诈骗', 'w:转账', 'w:诈骗'],
  ['w:民警', 'w:提醒', 'w:转账', 'w:安全账户'],
  ['w:天气', 'w:晴朗'],
  ['w:诈骗', 'w:民警'],
];

/** Okapi BM25 written out longhand, to check the index against. */
function reference(docs: string[][], terms: { term: string; weight: number }[], k1 = 1.2, b = 0.75): number[] {
  const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  return docs.map((d) =>
    terms.reduce((score, { term, weight }) => {
      const df = docs.filter((x) => x.includes(term)).length;
      if (df === 0) return score;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      const tf = d.filter((t) => t === term).length;
      return score + (weight * idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / avg));
    }, 0),
  );
}

describe('Bm25Index', () => {
  const index = Bm25Index.fromTokens(DOCS);

  it('scores like Okapi BM25, best first, only documents with a query term', () => {
    const q = [
      { term: 'w:诈骗', weight: 1 },
      { term: 'w:转账', weight: 0.5 },
    ];
    const expected = reference(DOCS, q);
    const hits = index.search(q, 10);
    expect(hits.map((h) => h.doc)).toEqual([0, 3, 1]);
    for (const h of hits) expect(h.score).toBeCloseTo(expected[h.doc], 12);
    expect(index.search(q, 1)).toEqual([hits[0]]);
  });

  it('knows its terms and their idf; unknown terms score nothing', () => {
    expect(index.has('w:民警')).toBe(true);
    expect(index.has('w:不存在')).toBe(false);
    expect(index.idf('w:不存在')).toBe(0);
    expect(index.idf('w:晴朗')).toBeGreaterThan(index.idf('w:诈骗')); // rarer → higher
    expect(index.search([{ term: 'w:不存在', weight: 1 }], 5)).toEqual([]);
  });

  it('merging parts gives the same index as building from the tokens', () => {
    const a = Bm25Index.fromTokens(DOCS.slice(0, 2));
    const b = new Bm25Builder();
    for (const d of DOCS.slice(2)) b.add(d);
    const merger = new Bm25Merger();
    const fa = merger.addSource(new Bm25Forward(a));
    const fb = merger.addSource(b.forward());
    merger.addDoc(fa, 0);
    merger.addDoc(fa, 1);
    merger.addDoc(fb, 0);
    merger.addDoc(fb, 1);
    expect(encodeBm25(merger.finish())).toEqual(encodeBm25(index));
  });

  it('indexes text as its tokens: addText counts exactly what tokensOf gives', () => {
    const texts = [
      '民警提醒：接到自称客服的电话要求转账，一定是诈骗！诈骗分子会说“退款”。',
      'usps 包裹 123 地址有误，请点击 https://x.cn 更新',
      '㐀㐁䷀䷁一丁𠀀丁一', // the edges of the bigram range, an astral character between Han
      '',
      '骗'.repeat(70_000), // a bigram's count past what 16 bits hold saturates
    ].map((t) => normalizeForSearch(t));
    const byTokens = Bm25Index.fromTokens(texts.map((n) => tokensOf(n, words(n))));
    const b = new Bm25Builder();
    for (const n of texts) b.addText(n, words(n));
    expect(Buffer.compare(encodeBm25(b.finish()), encodeBm25(byTokens))).toBe(0);
    expect(byTokens.has('b:䷀䷁')).toBe(true);
    expect(byTokens.has('b:丁𠀀')).toBe(false);
  });

  it('merges any split of documents, reused and fresh interleaved, into the index of all of them', () => {
    const doc = fc.array(fc.constantFrom('w:诈骗', 'w:转账', 'b:民警', 'w:a', 'w:b', 'b:天气', 'w:c'), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(doc, fc.nat(3)), { minLength: 1, maxLength: 30 }), (docs) => {
        // Each document goes to one of four sources; source 0 is a finished index (as the
        // previous build is), the others are builders' forward postings (as chunks are).
        const parts: string[][][] = [[], [], [], []];
        const where = docs.map(([d, s]) => [s, parts[s].push(d) - 1] as const);
        const merger = new Bm25Merger();
        const handles = [
          merger.addSource(new Bm25Forward(Bm25Index.fromTokens(parts[0]))),
          ...parts.slice(1).map((p) => {
            const b = new Bm25Builder();
            for (const d of p) b.add(d);
            return merger.addSource(b.forward());
          }),
        ];
        for (const [s, k] of where) merger.addDoc(handles[s], k);
        const whole = Bm25Index.fromTokens(docs.map(([d]) => d));
        expect(Buffer.compare(encodeBm25(merger.finish()), encodeBm25(whole))).toBe(0);
      }),
    );
  });

  it('returns the k best by score, then label, as ranking every document would', () => {
    const doc = fc.array(fc.constantFrom('w:a', 'w:b', 'w:c', 'b:x', 'b:y', 'w:d'), { minLength: 1, maxLength: 8 });
    const query = fc.uniqueArray(fc.constantFrom('w:a', 'w:b', 'w:c', 'b:x', 'b:y', 'w:d', 'w:none'), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 60 }),
        query,
        fc.integer({ min: 1, max: 12 }),
        (docs, q, k) => {
          const index = Bm25Index.fromTokens(docs);
          const terms = q.map((term, i) => ({ term, weight: 1 - i * 0.2 }));
          // Every document scored one by one, in the index's own arithmetic.
          const all = docs.map((_, d) => ({ doc: d, score: 0, touched: false }));
          const avg = docs.reduce((n, x) => n + x.length, 0) / docs.length;
          for (const { term, weight } of terms) {
            const idf = index.idf(term) * weight;
            for (const [d, x] of docs.entries()) {
              const tf = x.filter((t) => t === term).length;
              if (tf === 0) continue;
              all[d].touched = true;
              all[d].score += (idf * tf * (1.2 + 1)) / (tf + 1.2 * (1 - 0.75 + (0.75 * x.length) / avg));
            }
          }
          const expected = all
            .filter((h) => h.touched)
            .sort((a, b) => b.score - a.score || a.doc - b.doc)
            .slice(0, k)
            .map(({ doc, score }) => ({ doc, score }));
          expect(index.search(terms, k)).toEqual(expected);
        },
      ),
    );
  });

  it('stores terms in code-unit order whatever order they came in', () => {
    const reversed = Bm25Index.fromTokens([...DOCS].reverse());
    expect(reversed.parts.terms).toEqual([...reversed.parts.terms].sort());
    expect(index.parts.terms).toEqual([...index.parts.terms].sort());
  });
});

describe('BM25 file', () => {
  const index = Bm25Index.fromTokens(DOCS);

  it('round-trips exactly', () => {
    const back = decodeBm25(encodeBm25(index));
    const q = [
      { term: 'w:民警', weight: 1 },
      { term: 'w:转账', weight: 1 },
    ];
    expect(back.search(q, 10)).toEqual(index.search(q, 10));
    expect(back.parts.terms).toEqual(index.parts.terms);
  });

  it('rejects a truncated or padded file and a foreign one', () => {
    const buf = encodeBm25(index);
    expect(() => decodeBm25(buf.subarray(0, buf.length - 3))).toThrow(/header says/);
    expect(() => decodeBm25(Buffer.concat([buf, Buffer.from('xx')]))).toThrow(/header says/);
    expect(() => decodeBm25(Buffer.from('{"not":"bm25"} padding padding padding'))).toThrow(/Not a BM25 file/);
  });

  it('rejects postings that point past the documents where they are read', () => {
    const buf = Buffer.from(encodeBm25(index));
    // The first posting's document number sits after the header, lengths and offsets.
    const at = 32 + DOCS.length * 4 + (index.parts.terms.length + 1) * 4;
    buf.writeUInt32LE(999, at);
    // Checked on use, not by a pass over every posting at load (loadIndex has verified the
    // file's checksum by then): a search through that term, and reuse at the next build.
    const damaged = decodeBm25(buf);
    expect(() => damaged.search([{ term: damaged.parts.terms[0], weight: 1 }], 10)).toThrow(/names document 999/);
    expect(() => new Bm25Forward(damaged)).toThrow(/names document 999/);
  });
});
