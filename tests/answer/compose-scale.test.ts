import { describe, expect, it } from 'vitest';
import { CANDIDATE_CAP, composeExtractive, type Library, type NewsCase } from '../../src/answer/compose.js';
import type { Passage } from '../../src/corpus/split.js';
import { analyzeQuery } from '../../src/retrieval/query.js';

/** A library far larger than the cap: many romance-scam cases, one of them the one asked about. */
function bigLibrary(n: number, special: number): { library: Library; passages: Passage[] } {
  const passages: Passage[] = [];
  const cases: NewsCase[] = [];
  for (let i = 0; i < n; i++) {
    const text =
      i === special
        ? '市民王女士在交友网站结识一名自称海外军医的男子，被诱导在虚假平台投资，被骗二十万元。'
        : `市民李女士在婚恋网站结识一名男子，对方以第${i}次投资为由诱导其转账。`;
    passages.push({
      id: `p${i}`,
      text,
      source: `a${i}.txt`,
      title: `文章${i}`,
      paragraphIndex: 0,
      start: 0,
      end: text.length,
      kind: 'news',
    });
    cases.push({ source: `a${i}.txt`, paragraphIndex: 0, lines: [{ label: i, text }], text, type: 'romance' });
  }
  const library: Library = {
    passage: (label) => passages[label],
    pages: new Map(),
    cases,
    figures: [],
    advice: [],
    articles: new Map(),
    guideSources: new Map(),
  };
  return { library, passages };
}

describe('composition over a large library', () => {
  const special = CANDIDATE_CAP * 3;
  const { library, passages } = bigLibrary(CANDIDATE_CAP * 5, special);
  const q = analyzeQuery('网恋对象自称海外军医让我投资，是杀猪盘吗');
  const relevance = (t: string) => (t.includes('海外军医') ? 1 : 0.1);
  const caseLines = (hits: number[]) =>
    composeExtractive({
      q,
      hits: hits.map((label) => ({ passage: passages[label], label, score: 1, coverage: 1 })),
      library,
      relevance,
      typeId: 'romance',
    })
      .sections.filter((s) => s.kind === 'case')
      .flatMap((s) => s.lines.map((l) => l.cites[0]));

  it('weighs the cases of the retrieved passages, wherever they are in the library', () => {
    expect(caseLines([special])).toEqual([special]);
  });

  it('weighs at most CANDIDATE_CAP others: a case beyond them, not retrieved, is not looked at', () => {
    const cited = caseLines([]);
    expect(cited.length).toBe(1);
    expect(cited[0]).toBeLessThan(CANDIDATE_CAP);
  });
});
