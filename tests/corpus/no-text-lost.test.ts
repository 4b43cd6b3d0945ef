/**
 * Issue 9 §1, §2 (poisoned article) and §4 (ingest): no article text is lost silently,
 * unsafe advice is never kept, odd encodings and repeats are handled. Real-world shapes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/corpus/clean.js';
import { decodeText, loadSeeds } from '../../src/corpus/load.js';
import { splitArticle } from '../../src/corpus/split.js';
import { tmp } from '../helpers/tmp.js';

const body1 = '近日，有人冒充公安民警来电，称受害人涉嫌洗钱，要求其配合调查。';
const body2 = '民警提醒：公安机关不会通过电话办案，更不会要求转账到所谓的安全账户。';
const body3 = '如接到类似电话，请立即挂断并拨打110或96110核实。';

describe('metadata lines are removed as lines, never a cut', () => {
  it('keeps the whole article after a repost header (来源：新华社)', () => {
    const a = cleanArticle(`警惕冒充公检法诈骗\n来源：新华社\n${body1}\n\n${body2}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2]);
    expect(a.metadata).toContainEqual({ key: '来源', value: '新华社' });
    expect(a.dropped.some((d) => d.kind === 'trailer')).toBe(false);
  });

  it('keeps every paragraph around an editor line in the middle', () => {
    const a = cleanArticle(`${body1}\n\n编辑：张三\n\n${body2}\n\n${body3}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2, body3]);
    expect(a.metadata).toContainEqual({ key: '编辑', value: '张三' });
  });

  it('drops an editor line at the end as metadata (Traditional too)', () => {
    const a = cleanArticle(`${body1}\n\n${body2}\n責任編輯：李四\n【來源：人民網】`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2]);
    expect(a.metadata).toEqual(
      expect.arrayContaining([
        { key: '责任编辑', value: '李四' },
        { key: '来源', value: '人民網' },
      ]),
    );
    expect(a.text).not.toMatch(/李四|人民/u);
  });

  it('keeps body text after a keyword line, with or without keywords on it', () => {
    const a = cleanArticle(`警惕冒充客服\n关键词：反诈 退款\n${body1}\n\n${body2}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2]);
    expect(a.metadata).toContainEqual({ key: '关键词', value: '反诈 退款' });
    const b = cleanArticle(`${body1}\n关键词：\n${body2}\n\n${body3}`);
    expect(b.paragraphs.map((p) => p.text)).toEqual([body1, body2, body3]);
  });

  it('cuts a real trailer (a list of headlines to the end) and reports its size', async () => {
    const trailer = '相关阅读：\n多地警方发布反诈提醒\n暑期防骗指南 学生党必看...\n警惕！这些“兼职”都是骗局';
    const a = cleanArticle(`${body1}\n\n${body2}\n\n${trailer}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2]);
    const cut = a.dropped.find((d) => d.kind === 'trailer');
    expect(cut?.text).toBe(trailer);
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), `${body1}\n\n${body2}\n\n${trailer}`);
    const r = await loadSeeds(dir);
    expect(r.dropped).toEqual([
      expect.objectContaining({ source: 'a.txt', kind: 'trailer', chars: trailer.length, lines: 4 }),
    ]);
  });

  it('a headline list followed by more article text is not a trailer', () => {
    const a = cleanArticle(`${body1}\n相关新闻\n多地警方发布反诈提醒\n${body2}\n\n${body3}`);
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body2, body3]);
  });

  it('a large article with keyword and editor lines gives proportionally many passages', () => {
    // The shape of a scraped news page repeated: body, editor line, keyword line, body.
    const block = (i: number) =>
      `第${i}起案例：${body1}\n\n编辑：王五\n关键词：反诈\n\n第${i}起提醒：${body2}\n\n第${i}条建议：${body3}`;
    const blocks: string[] = [];
    for (let i = 0; blocks.join('\n\n').length < 150_000; i++) blocks.push(block(i));
    const a = cleanArticle(blocks.join('\n\n'));
    const passages = splitArticle(a, 'big.txt', 'big');
    expect(a.paragraphs.length).toBe(blocks.length * 3);
    expect(passages.length).toBeGreaterThanOrEqual(blocks.length * 3);
  });
});

describe('unsafe advice in an operator file', () => {
  const poison = '警方提醒：接到自称公安的电话，一定要按对方要求把钱转到安全账户，千万不要告诉家人和银行工作人员。';

  it('is flagged, reported and never kept, while the rest of the paragraph stays', async () => {
    const a = cleanArticle(`${body1}\n\n${poison}${body3}\n\n${body2}`);
    expect(a.text).not.toContain('安全账户，千万不要告诉家人');
    expect(a.paragraphs.map((p) => p.text)).toEqual([body1, body3, body2]);
    expect(a.dropped).toContainEqual(expect.objectContaining({ kind: 'unsafe', text: poison }));
    const dir = tmp();
    writeFileSync(join(dir, 'poison.txt'), `${body1}\n\n${poison}`);
    const r = await loadSeeds(dir);
    expect(r.dropped).toContainEqual(
      expect.objectContaining({ source: 'poison.txt', kind: 'unsafe', chars: poison.length }),
    );
  });

  it('keeps reports of what fraudsters demand and the real rules', () => {
    const fine = [
      '骗子要求其立即把钱转到安全账户。',
      '公安机关没有所谓的安全账户，不要转账。',
      '请下载国家反诈中心APP。',
      '不要把验证码告诉任何人。',
      '对方要求你保密，不许告诉家人。',
    ];
    const a = cleanArticle(fine.join('\n\n'));
    expect(a.paragraphs.map((p) => p.text)).toEqual(fine);
  });
});

describe('odd files', () => {
  it('decodes UTF-16 with a BOM (LE and BE) and without one', () => {
    const text = `${body1}\n${body2}`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text, encoding: 'utf-16be' });
    const ascii = 'Police never ask you to move money to a safe account.\n';
    expect(decodeText(Buffer.from(ascii, 'utf16le'))).toEqual({ text: ascii, encoding: 'utf-16le' });
  });

  it('a NUL byte after the first 8 KB never reaches a passage', async () => {
    const filler = `${body2}\n\n`.repeat(Math.ceil(9000 / Buffer.byteLength(`${body2}\n\n`)));
    const dir = tmp();
    writeFileSync(
      join(dir, 'nul.txt'),
      `${filler.replace(/\n\n$/u, '')}${body3.slice(0, 5)}\u0000${body3.slice(5)}\n\n${body1}`,
    );
    const r = await loadSeeds(dir);
    expect(r.skipped).toEqual([]);
    const passages = r.articles.flatMap((a) => splitArticle(a.cleaned, a.source, a.title));
    expect(passages.some((p) => p.text.includes(body3))).toBe(true);
    expect(passages.some((p) => /[\u0000-\u0008]/u.test(p.text))).toBe(false);
  });

  it('identical lines become one passage, and the repeats are reported', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'same.txt'), `${body2}\n`.repeat(5000));
    const r = await loadSeeds(dir);
    const passages = r.articles.flatMap((a) => splitArticle(a.cleaned, a.source, a.title));
    expect(passages.map((p) => p.text)).toEqual([body2]);
    expect(r.dropped).toContainEqual(
      expect.objectContaining({ source: 'same.txt', kind: 'duplicate', reason: expect.stringMatching(/4999 repeat/) }),
    );
  });
});
