/**
 * Synthetic corpora for benchmarks: passages made by recombining the seed sentences with
 * a seeded PRNG, so every run measures the same data.
 */
import type { Article } from '../src/corpus/load.js';
import { loadSeeds } from '../src/corpus/load.js';
import { passageId, splitSentences, type Passage } from '../src/corpus/split.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` passages of 1–3 seed sentences each (≤ 200 characters), in articles of 20. */
export async function syntheticCorpus(seedsDir: string, count: number): Promise<{ articles: Article[]; passages: Passage[] }> {
  const { articles: seeds } = await loadSeeds(seedsDir);
  const sentences = seeds.flatMap((a) => a.cleaned.paragraphs.flatMap((p) => splitSentences(p.text))).filter((s) => s.length <= 200);
  const rand = mulberry32(20261124);
  const passages: Passage[] = [];
  const articles: Article[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 3);
    let text = '';
    for (let k = 0; k < n; k++) {
      const s = sentences[Math.floor(rand() * sentences.length)];
      if (text.length + s.length > 200) break;
      text += s;
    }
    if (!text) text = sentences[i % sentences.length];
    const a = Math.floor(i / 20);
    const source = `synthetic-${String(a).padStart(5, '0')}.txt`;
    const paragraphIndex = i % 20;
    passages.push({ id: passageId(source, `${i}:${text}`), text, source, title: `合成文章 ${a}`, paragraphIndex, start: 0, end: text.length });
    if (paragraphIndex === 0) {
      articles.push({ source, title: `合成文章 ${a}`, meta: {}, raw: '', cleaned: { text: '', paragraphs: [], headings: [], derivedTitle: '', script: 'simplified', bylines: [], dropped: [], repairs: { doubled: false, pinyin: 0 } } });
    }
    const art = articles[articles.length - 1];
    art.cleaned.paragraphs.push({ index: paragraphIndex, text, start: 0, end: text.length });
  }
  return { articles, passages };
}
