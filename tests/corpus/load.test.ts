import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, loadSeeds, SeedsDirectoryError } from '../../src/corpus/load.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

describe('loadSeeds', () => {
  it('loads the five seeds with catalog titles', async () => {
    const r = await loadSeeds(SEEDS_DIR);
    // Guide pages (seeds/guide/, kind 'guide') are loaded beside the five news articles.
    r.articles = r.articles.filter((a) => a.meta.kind !== 'guide');
    expect(r.articles).toHaveLength(5);
    expect(r.skipped).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.articles[4].title).toBe('奏响全民反诈最强音——市公安局全面打击治理电信网络诈骗犯罪工作纪实');
    expect(r.articles[1].meta.place).toBe('江苏无锡');
  });

  it('skips bad files with a reason naming the problem and keeps the good ones', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'good.txt'), '民警提醒：接到自称公安的电话要求转账，一定是诈骗。请拨打96110咨询。');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), '  \n\n ');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    // "这是中文" in GBK: not UTF-8.
    writeFileSync(join(dir, 'gbk.txt'), Buffer.from([0xd5, 0xe2, 0xca, 0xc7, 0xd6, 0xd0, 0xce, 0xc4]));
    writeFileSync(join(dir, 'notes.docx'), 'x');
    mkdirSync(join(dir, 'sub.txt'));
    const r = await loadSeeds(dir);
    expect(r.articles.map((a) => a.source)).toEqual(['good.txt']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.source, s.reason]));
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['blank.txt']).toMatch(/whitespace/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['gbk.txt']).toMatch(/UTF-8.*GBK/);
    expect(reasons['notes.docx']).toMatch(/not an article/);
    expect(reasons['sub.txt']).toMatch(/not a regular file/);
  });

  it('derives a title when the catalog has none, and warns about a broken catalog', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'a.txt'),
      '警惕冒充客服诈骗\n\n近日，市民接到自称客服的电话，对方称可以退款。民警提醒不要转账。',
    );
    writeFileSync(join(dir, 'catalog.json'), '{ not json');
    const r = await loadSeeds(dir);
    expect(r.articles[0].title).toBe('警惕冒充客服诈骗');
    expect(r.warnings[0]).toMatch(/catalog\.json is not a valid JSON/);
  });

  it('throws a clear error for a missing directory', async () => {
    await expect(loadSeeds('/nonexistent/seeds')).rejects.toThrow(SeedsDirectoryError);
    await expect(loadSeeds('/nonexistent/seeds')).rejects.toThrow(
      /Seeds directory \/nonexistent\/seeds cannot be read \(ENOENT\)/,
    );
    await expect(loadSeeds('/nonexistent/seeds')).rejects.not.toThrow(/--seeds/);
  });

  it('decodeText accepts UTF-8 with BOM', () => {
    const r = decodeText(Buffer.from('\uFEFF你好', 'utf8'));
    expect('text' in r && r.text.endsWith('你好')).toBe(true);
  });
});
