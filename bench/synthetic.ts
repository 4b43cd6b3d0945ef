/**
 * Realistic RAW corpora for benchmarks, written as seed files: each article is one of the
 * seed articles with its paragraphs shuffled, every digit re-drawn, names and places
 * swapped, a date line added, and the OCR damage the cleaner exists for (doubled runs,
 * pinyin annotations) added at random, so ingestion does all of its real work (decoding,
 * cleaning, splitting, embedding, indexing). Not every passage is new: a sentence with no
 * digit, name or place to change repeats across copies of its article (about 3 passages
 * in 4 are distinct at 10k and 100k). No stage of the ingest reuses work for a repeated
 * text within a build, so repeats cost what new text costs. A seeded PRNG makes every run
 * measure the same data.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CleanedArticle } from '../src/corpus/clean.js';
import { type Article, loadSeeds } from '../src/corpus/load.js';
import { type Passage, passageId, splitSentences } from '../src/corpus/split.js';

/** Deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const PLACES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '武汉',
  '成都',
  '重庆',
  '西安',
  '长沙',
  '郑州',
  '济南',
  '青岛',
  '合肥',
  '福州',
  '厦门',
  '昆明',
  '南宁',
  '贵阳',
  '沈阳',
  '大连',
  '长春',
  '哈尔滨',
  '石家庄',
  '太原',
  '南昌',
  '兰州',
  '银川',
  '西宁',
  '海口',
  '苏州',
  '无锡',
  '宁波',
  '温州',
  '佛山',
  '东莞',
  '珠海',
  '泉州',
  '徐州',
];
const PINYIN = ['zhà', 'piàn', 'jǐng', 'qián', 'zhuǎn', 'zhàng', 'yín', 'háng', 'diàn', 'huà', 'wǎng', 'luò'];
const PLACE_RE = new RegExp(PLACES.join('|'), 'gu');
const SURNAME_RE = new RegExp(`[${SURNAMES.join('')}]某`, 'gu');
const HAN = /[\u4e00-\u9fff]/u;

/** The raw seed articles (.txt) of `seedsDir`: title line and body paragraphs. */
export function seedArticles(seedsDir: string): { title: string; paragraphs: string[] }[] {
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const lines = readFileSync(join(seedsDir, f), 'utf8').split(/\r?\n/);
      const title = lines.find((l) => l.trim()) ?? '';
      const body = lines.slice(lines.indexOf(title) + 1).join('\n');
      return {
        title,
        paragraphs: body
          .split(/\n\s*\n|\n/)
          .map((p) => p.trim())
          .filter((p) => p.length > 0),
      };
    });
}

/** One raw article made from a seed article. */
export function synthArticle(seed: { title: string; paragraphs: string[] }, rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const redraw = (s: string) =>
    s
      .replace(/\d/g, () => String(Math.floor(rand() * 10)))
      .replace(PLACE_RE, () => pick(PLACES))
      .replace(SURNAME_RE, () => `${pick(SURNAMES)}某`);
  const paragraphs = seed.paragraphs.map(redraw);
  // Shuffle the body (Fisher–Yates), keeping roughly the original length.
  for (let i = paragraphs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [paragraphs[i], paragraphs[j]] = [paragraphs[j], paragraphs[i]];
  }
  const damaged = paragraphs.map((p) => {
    let q = p;
    // OCR doubling: a run of 4–8 Han characters repeated in place.
    if (rand() < 0.15) {
      const at = Math.floor(rand() * Math.max(1, q.length - 8));
      const run = q.slice(at, at + 4 + Math.floor(rand() * 5));
      if ([...run].every((c) => HAN.test(c))) q = q.slice(0, at) + run + q.slice(at);
    }
    // Pinyin annotation after a Han character, as pasted from reading aids.
    if (rand() < 0.1) {
      const at = 1 + Math.floor(rand() * Math.max(1, q.length - 1));
      if (HAN.test(q[at - 1] ?? '')) q = `${q.slice(0, at)}（${pick(PINYIN)}）${q.slice(at)}`;
    }
    return q;
  });
  const date = `${2020 + Math.floor(rand() * 6)}年${1 + Math.floor(rand() * 12)}月${1 + Math.floor(rand() * 28)}日`;
  return `${redraw(seed.title)}\n来源：${pick(PLACES)}市公安局 ${date}\n\n${damaged.join('\n\n')}\n`;
}

/**
 * Writes raw articles into `dir` until their estimated passage count reaches `passages`
 * (estimated from the seeds' passages per character; the benchmark reports the real
 * count). Returns the number of files and bytes written.
 */
export function writeSyntheticCorpus(
  seedsDir: string,
  dir: string,
  passages: number,
  charsPerPassage: number,
  seed = 20261124,
): { files: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const seeds = seedArticles(seedsDir);
  const rand = mulberry32(seed);
  let chars = 0;
  let bytes = 0;
  let files = 0;
  while (chars / charsPerPassage < passages) {
    const text = synthArticle(seeds[files % seeds.length], rand);
    const name = `${String(files).padStart(7, '0')}.txt`;
    writeFileSync(join(dir, name), text);
    chars += text.length;
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { files, bytes };
}

/**
 * `count` passages of 1–3 seed sentences each (≤ 200 characters), in articles of 20,
 * built directly as passages (no raw text, no cleaning): for benchmarks of answering at a
 * given index size (bench/answer-bench.ts), not of ingestion.
 */
export async function syntheticCorpus(
  seedsDir: string,
  count: number,
): Promise<{ articles: Article[]; passages: Passage[] }> {
  const { articles: seeds } = await loadSeeds(seedsDir, { guide: false });
  const sentences = seeds
    .flatMap((a) => a.cleaned.paragraphs.flatMap((p) => splitSentences(p.text)))
    .filter((s) => s.length <= 200);
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
    passages.push({
      id: passageId(source, `${i}:${text}`),
      text,
      source,
      title: `合成文章 ${a}`,
      paragraphIndex,
      start: 0,
      end: text.length,
      kind: 'news',
    });
    if (paragraphIndex === 0) {
      const cleaned = {
        ...seeds[0].cleaned,
        text: '',
        paragraphs: [],
        headings: [],
        derivedTitle: '',
        script: 'simplified',
      } as CleanedArticle;
      articles.push({ source, title: `合成文章 ${a}`, meta: {}, raw: '', cleaned });
    }
    const art = articles[articles.length - 1];
    art.cleaned.paragraphs.push({ index: paragraphIndex, text, start: 0, end: text.length });
  }
  return { articles, passages };
}
