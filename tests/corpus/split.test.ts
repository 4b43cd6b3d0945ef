import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/corpus/clean.js';
import { passageId, splitArticle, splitSentences } from '../../src/corpus/split.js';
import { seed, seedNames } from '../helpers/seeds.js';

const hanChar = fc.constantFrom(...'民警诈骗银行转账反诈宣传群众钱款公安预警劝阻电话客服理财投资兼职刷单'.split(''));
const mark = fc.constantFrom('。', '！', '？', '；', '，', '、', '……', '。”', '！”');
const sentenceArb = fc
  .tuple(fc.array(hanChar, { minLength: 1, maxLength: 120 }), mark)
  .map(([cs, m]) => cs.join('') + m);
const paragraphArb = fc.array(sentenceArb, { minLength: 1, maxLength: 12 }).map((s) => s.join(''));
const articleArb = fc.array(paragraphArb, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n'));

describe('splitSentences', () => {
  it('splits on Chinese sentence ends, keeping closing quotes with their sentence', () => {
    expect(splitSentences('他说：“快转账！”我没有转。真的吗？')).toEqual([
      '他说：“快转账！”',
      '我没有转。',
      '真的吗？',
    ]);
    expect(splitSentences('千万不要转账……”2月23日上午')).toEqual(['千万不要转账……”', '2月23日上午']);
  });
});

describe('splitArticle (properties)', () => {
  it('passages cover each paragraph exactly, respect the limit and have correct offsets', () => {
    fc.assert(
      fc.property(articleArb, fc.integer({ min: 40, max: 300 }), (raw, max) => {
        const article = cleanArticle(raw);
        const passages = splitArticle(article, 'x.txt', 'T', { maxChars: max });
        for (const p of passages) {
          expect(p.text.length).toBeLessThanOrEqual(max);
          expect(article.text.slice(p.start, p.end)).toBe(p.text);
        }
        for (const para of article.paragraphs) {
          const joined = passages
            .filter((p) => p.paragraphIndex === para.index)
            .map((p) => p.text)
            .join('');
          expect(joined).toBe(para.text);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('ids are stable across runs and unique within a corpus', () => {
    fc.assert(
      fc.property(articleArb, (raw) => {
        const a = splitArticle(cleanArticle(raw), 'x.txt', 'T');
        const b = splitArticle(cleanArticle(raw), 'x.txt', 'T');
        expect(b.map((p) => p.id)).toEqual(a.map((p) => p.id));
        expect(new Set(a.map((p) => p.id)).size).toBe(a.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('splitArticle on the seeds', () => {
  it('never cuts inside a sentence that fits, and groups at most three sentences', () => {
    for (const name of seedNames()) {
      const article = cleanArticle(seed(name.slice(0, 3)));
      const passages = splitArticle(article, name, 'T');
      expect(passages.length).toBeGreaterThan(5);
      for (const p of passages) {
        expect(p.text.length).toBeLessThanOrEqual(200);
        const sentences = splitSentences(p.text);
        expect(sentences.length).toBeLessThanOrEqual(3);
        // Each passage ends where a sentence ends, unless it is the end of its paragraph
        // or a piece of a sentence longer than the limit.
        const para = article.paragraphs[p.paragraphIndex];
        const endsSentence = /[。！？；…][”’）」]*$/u.test(p.text) || p.end === para.end;
        const longSentence = splitSentences(para.text).some((s) => s.length > 200 && s.includes(p.text.slice(0, 10)));
        expect(endsSentence || longSentence, p.text).toBe(true);
      }
    }
  });

  it('passageId depends on source and text only', () => {
    expect(passageId('a.txt', '文本')).toBe(passageId('a.txt', '文本'));
    expect(passageId('a.txt', '文本')).not.toBe(passageId('b.txt', '文本'));
  });
});
