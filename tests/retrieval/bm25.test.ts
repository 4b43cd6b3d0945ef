import { describe, expect, it } from 'vitest';
import { decodeBm25, encodeBm25 } from '../../src/index/lexical-file.js';
import { Bm25Builder, Bm25Forward, Bm25Index } from '../../src/retrieval/bm25.js';

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

  it('merging parts (addFrom) gives the same index as building from the tokens', () => {
    const a = Bm25Index.fromTokens(DOCS.slice(0, 2));
    const b = Bm25Index.fromTokens(DOCS.slice(2));
    const builder = new Bm25Builder();
    const fa = new Bm25Forward(a);
    const fb = new Bm25Forward(b);
    builder.addFrom(fa, 0);
    builder.addFrom(fa, 1);
    builder.addFrom(fb, 0);
    builder.addFrom(fb, 1);
    expect(encodeBm25(builder.finish())).toEqual(encodeBm25(index));
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
