import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBm25 } from '../../src/index/lexical-file.js';
import { SpillEntries } from '../../src/index/spill-file.js';
import { Bm25Builder, Bm25Index, Bm25Merger } from '../../src/retrieval/bm25.js';
import { tmp } from '../helpers/tmp.js';

describe('lexical entries spilled to a file', () => {
  it('give back every block in order, odd sizes included, and the file is removed after', () => {
    const path = join(tmp(), 'x.spill');
    const s = new SpillEntries(path);
    const blocks = [3, 1, 0, 4, 5].map((n, b) => ({
      ids: Uint32Array.from({ length: n }, (_, i) => b * 1000 + i),
      tfs: Uint16Array.from({ length: n }, (_, i) => 65535 - i),
    }));
    for (const b of blocks) s.append(b.ids, b.tfs, b.ids.length);
    const back: number[][] = [];
    s.forEachBlock((ids, tfs, n) => back.push([...ids.subarray(0, n), ...tfs.subarray(0, n)]));
    expect(back).toEqual(blocks.map((b) => [...b.ids, ...b.tfs]));
    s.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('make the same index as entries kept in memory', () => {
    const doc = fc.array(fc.constantFrom('w:诈骗', 'w:转账', 'b:民警', 'w:a', 'b:天气', 'w:c'), { maxLength: 9 });
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 40 }), (docs) => {
        const b = new Bm25Builder();
        for (const d of docs) b.add(d);
        const fwd = b.forward();
        const merger = new Bm25Merger(new SpillEntries(join(tmp(), 'm.spill')));
        const src = merger.addSource(fwd);
        for (let d = 0; d < docs.length; d++) merger.addDoc(src, d);
        expect(Buffer.compare(encodeBm25(merger.finish()), encodeBm25(Bm25Index.fromTokens(docs)))).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('hold more entries than one block, and a document longer than a block', () => {
    const docs = [
      ...Array.from({ length: 30_000 }, (_, i) => [`w:${i % 97}`, `w:${i % 13}`, `b:${i % 5}`, `w:${i}`]),
      Array.from({ length: 70_000 }, (_, i) => `w:long${i}`),
      ['w:1', 'w:1'],
    ];
    const b = new Bm25Builder();
    for (const d of docs) b.add(d);
    const merger = new Bm25Merger(new SpillEntries(join(tmp(), 'big.spill')));
    const src = merger.addSource(b.forward());
    for (let d = 0; d < docs.length; d++) merger.addDoc(src, d);
    expect(Buffer.compare(encodeBm25(merger.finish()), encodeBm25(Bm25Index.fromTokens(docs)))).toBe(0);
  });
});
