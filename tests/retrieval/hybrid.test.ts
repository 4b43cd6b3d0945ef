import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/corpus/split.js';
import { diversify, fuse, type Hit, rerank } from '../../src/retrieval/hybrid.js';

const passage = (label: number, source = `a${label}.txt`): Passage => ({
  id: `p${label}`,
  text: `text ${label}`,
  source,
  title: source,
  paragraphIndex: 0,
  start: 0,
  end: 6,
});
const hit = (label: number, score: number, source?: string): Hit => ({
  passage: passage(label, source),
  label,
  score,
  coverage: 0,
});

describe('fuse', () => {
  it('adds reciprocal-rank scores of both lists, lexical weighing twice the dense list', () => {
    const hits = fuse(
      {
        lexical: [1, 2],
        dense: [
          { label: 2, similarity: 0.9 },
          { label: 3, similarity: 0.5 },
        ],
      },
      {},
      (l) => passage(l),
    );
    const by = new Map(hits.map((h) => [h.label, h]));
    expect(hits.map((h) => h.label)).toEqual([1, 2, 3]); // first seen: lexical, then dense
    expect(by.get(1)!.score).toBeCloseTo(1 / 61, 12);
    expect(by.get(2)!.score).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
    expect(by.get(3)!.score).toBeCloseTo(0.5 / 62, 12);
    expect(by.get(2)).toMatchObject({ lexicalRank: 2, denseRank: 1, similarity: 0.9 });
    expect(by.get(3)!.lexicalRank).toBeUndefined();
  });

  it('counts the advice list only with a weight', () => {
    const lists = { lexical: [1, 2], dense: [], advice: [2] };
    const without = fuse(lists, {}, (l) => passage(l));
    const withAdvice = fuse(lists, { adviceWeight: 0.5 }, (l) => passage(l));
    expect(without[1].score).toBeCloseTo(1 / 62, 12);
    expect(withAdvice[1].score).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
  });
});

describe('rerank', () => {
  it('lets question coverage and the scam type outweigh a small lead in fusion', () => {
    const ranked = rerank([hit(1, 0.02), hit(2, 0.018)], (h) =>
      h.label === 2 ? { coverage: 0.9, typeMention: 1, fraud: 1 } : { coverage: 0.1, typeMention: 0, fraud: 0 },
    );
    expect(ranked.map((h) => h.label)).toEqual([2, 1]);
    expect(ranked[0].coverage).toBe(0.9);
    // 0.5 × fused/max + 0.5 × coverage + 0.3 × type + 0.15 × fraud
    expect(ranked[0].score).toBeCloseTo(0.5 * 0.9 + 0.5 * 0.9 + 0.3 + 0.15, 12);
    expect(ranked[1].score).toBeCloseTo(0.5 + 0.05, 12);
  });

  it('breaks ties by the lower label', () => {
    const same = { coverage: 0.5, typeMention: 0, fraud: 0 };
    expect(rerank([hit(9, 0.01), hit(4, 0.01)], () => same).map((h) => h.label)).toEqual([4, 9]);
  });
});

describe('diversify', () => {
  const bigrams = (s: string) => new Set([...s].slice(1).map((c, i) => s[i] + c));

  it('drops near-duplicates of a passage already picked', () => {
    const texts: Record<number, string> = {
      1: '冒充公安民警要求转账到安全账户',
      2: '冒充公安民警要求转账到安全账户。',
      3: '刷单返利都是诈骗',
    };
    const chosen = diversify([hit(1, 3), hit(2, 2), hit(3, 1)], 3, (h) => bigrams(texts[h.label]));
    expect(chosen.map((h) => h.label)).toEqual([1, 3]);
  });

  it('after two passages of one article prefers another article of close score', () => {
    const ranked = [hit(1, 1, 'x'), hit(2, 0.99, 'x'), hit(3, 0.98, 'x'), hit(4, 0.95, 'y'), hit(5, 0.5, 'z')];
    const chosen = diversify(ranked, 4, (h) => new Set([`u${h.label}`]));
    expect(chosen.map((h) => h.label)).toEqual([1, 2, 4, 3]);
  });

  it('takes from the same article when no other is close in score', () => {
    const ranked = [hit(1, 1, 'x'), hit(2, 0.99, 'x'), hit(3, 0.98, 'x'), hit(4, 0.2, 'y')];
    expect(diversify(ranked, 3, (h) => new Set([`u${h.label}`])).map((h) => h.label)).toEqual([1, 2, 3]);
  });
});
