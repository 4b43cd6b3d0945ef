import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideTitle, loadGuide, parseGuidePage } from '../../src/corpus/guide.js';
import { loadSeeds } from '../../src/corpus/load.js';
import { splitArticle } from '../../src/corpus/split.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'guide', 'seeds');

describe('guide ingestion', () => {
  it('makes one passage per list item or paragraph, with its section id', async () => {
    const { articles, skipped } = await loadGuide(FIXTURE);
    expect(skipped).toEqual([]);
    const zh = articles.find((a) => a.source === 'guide/zh/fake-loan.md')!;
    expect(zh.title).toBe('反诈助手防骗指南 · 虚假贷款');
    expect(zh.meta.kind).toBe('guide');
    expect(zh.meta.guide).toMatchObject({
      page: 'fake-loan',
      scamType: 'fake-loan',
      lang: 'zh-Hans',
      topic: 'scam-type',
    });
    const passages = splitArticle(zh.cleaned, zh.source, zh.title);
    expect(passages.map((p) => p.section)).toEqual(['how', 'how', 'flags', 'todo', 'rule']);
    expect(passages[1].text).toBe('申请后对方说账户冻结，要你先交解冻金才能放款。');
    const en = articles.find((a) => a.source === 'guide/en/after-scammed.md')!;
    expect(en.title).toBe(guideTitle('After you have been scammed', 'en'));
    expect(en.meta.guide).toMatchObject({ audience: 'victims', lang: 'en', topic: 'situation' });
    expect(splitArticle(en.cleaned, en.source, en.title).map((p) => p.text)).toContain(
      'Ask your bank to stop the payment while the police act.',
    );
  });

  it('is loaded beside the news, not cleaned as a news article', async () => {
    const r = await loadSeeds(FIXTURE);
    expect(r.articles.map((a) => [a.source, a.meta.kind ?? 'news'])).toEqual([
      ['001_news.txt', 'news'],
      ['guide/zh/fake-loan.md', 'guide'],
      ['guide/en/after-scammed.md', 'guide'],
    ]);
    expect(r.skipped).toEqual([]);
  });

  it('reports a page without front matter with its file name', () => {
    expect(() => parseGuidePage('## 骗局 {#how}\n1. 文字。', 'guide/zh/x.md')).toThrow(
      /guide\/zh\/x\.md: no front matter/,
    );
  });

  it('parses every page the guide writer committed', async () => {
    const { articles, skipped } = await loadGuide(join(import.meta.dirname, '..', '..', 'seeds'));
    expect(skipped).toEqual([]);
    for (const a of articles) expect(a.cleaned.paragraphs.length).toBeGreaterThan(3);
  });
});
