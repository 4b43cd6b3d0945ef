import { describe, expect, it } from 'vitest';
import { answer, MAX_CITATIONS } from '../../src/answer/engine.js';
import { detectScript } from '../../src/text/script.js';
import { seedEngine } from '../helpers/engine.js';
import { artefacts } from '../helpers/seeds.js';

describe('answer', () => {
  it('什么是杀猪盘？ cites the passage about the 杀猪盘 gang first', async () => {
    const a = await answer('什么是杀猪盘？', await seedEngine());
    expect(a.inScope).toBe(true);
    expect(a.language).toBe('zh-Hans');
    expect(a.scamTypes[0]).toBe('romance');
    expect(a.citations[0].text).toContain('以“杀猪盘”为手段骗人钱财的犯罪团伙');
    expect(a.citations[0].source).toBe('003_f681114cb4297908.txt');
    expect(a.text).toContain('[1]');
    expect(a.text).toContain('96110');
  });

  it('answers a Traditional question entirely in Traditional, quotes included', async () => {
    const a = await answer('什麼是殺豬盤？', await seedEngine());
    expect(a.language).toBe('zh-Hant');
    expect(a.text).toContain('殺豬盤');
    expect(detectScript(a.text)).toBe('traditional');
    for (const c of a.citations) expect(detectScript(c.text)).toBe('traditional');
    expect(a.citations[0].text).toContain('殺豬盤');
  });

  it('answers an English question in English with the Chinese quotes as evidence', async () => {
    const a = await answer('What is a pig butchering scam?', await seedEngine());
    expect(a.language).toBe('en');
    expect(a.text).toMatch(/^This looks like: Pig butchering/);
    expect(a.text).toContain('How to protect yourself');
    expect(a.citations[0].text).toContain('杀猪盘');
    // The framing is English: Chinese appears only in the quoted sources (and the app name).
    const body = a.text.split('Sources (quoted in Chinese)')[0].replace('国家反诈中心', '');
    expect(body).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it('declines off-topic questions with a friendly reply, the hotlines and no citation', async () => {
    for (const q of ['明天天气怎么样', '济宁市公安局在哪里', 'How do I cook rice?']) {
      const a = await answer(q, await seedEngine());
      expect(a.inScope, q).toBe(false);
      expect(a.citations).toEqual([]);
      expect(a.mode).toBe('declined');
      expect(a.text).toContain('96110');
      expect(a.text).toContain('110');
      expect(a.text).not.toMatch(/\[\d\]/);
    }
  });

  it('backs every statement with a valid citation; quotes are short and clean', async () => {
    const deps = await seedEngine();
    for (const q of ['网上兼职刷单能赚钱吗', '有人说自己是警察，要我把钱转到安全账户', '直播间里买原石会被骗吗', '公司财务怎么防止被骗转账']) {
      const a = await answer(q, deps);
      expect(a.citations.length).toBeGreaterThan(0);
      expect(a.citations.length).toBeLessThanOrEqual(MAX_CITATIONS);
      expect(a.citations.map((c) => c.n)).toEqual(a.citations.map((_, i) => i + 1));
      for (const s of a.sections) {
        for (const l of s.lines) {
          // Only the gist of a generic answer and red-flag analysis are uncited.
          if (s.kind !== 'flags' && !(s.kind === 'gist' && l.cites.length === 0)) expect(l.cites.length, l.text).toBeGreaterThan(0);
          for (const n of l.cites) expect(n).toBeLessThanOrEqual(a.citations.length);
        }
      }
      const markers = [...a.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(new Set(markers)).toEqual(new Set(a.citations.map((c) => c.n)));
      for (const c of a.citations) {
        expect(c.text.length).toBeLessThanOrEqual(200);
        expect(artefacts(c.text)).toEqual([]);
      }
    }
  });

  it('checks a pasted message: red flags, type and tips', async () => {
    const a = await answer('收到短信：您好，我是公安局民警，您的账户涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉家人。', await seedEngine());
    expect(a.inScope).toBe(true);
    const flags = a.sections.find((s) => s.kind === 'flags');
    expect(flags?.lines.map((l) => l.text).join('\n')).toMatch(/安全账户/);
    expect(a.scamTypes[0]).toBe('fake-police');
    expect(a.citations.some((c) => c.text.includes('安全账户'))).toBe(true);
  });

  it('answers an over-long question on its first part and says so', async () => {
    const long = `网上兼职刷单能赚钱吗？${'我真的很担心。'.repeat(800)}`;
    const a = await answer(long, await seedEngine(), { maxQuestionChars: 2000 });
    expect(a.truncated).toBe(true);
    expect(a.inScope).toBe(true);
    expect(a.text).toContain('前2000个字');
  });

  it('leads with a passage about fraud even when the articles do not cover the exact trick', async () => {
    // Questions outside the golden set, about scams the articles only touch on.
    const deps = await seedEngine();
    for (const q of [
      '有人加我微信说可以帮我办低息贷款，要先交保证金',
      '收到短信说我中了一等奖，需要交手续费才能领奖',
      '我爸接到电话说他医保卡被冻结了要转钱解冻',
      'My grandmother got a call saying her grandson was arrested and needs bail money',
    ]) {
      const a = await answer(q, deps);
      expect(a.inScope, q).toBe(true);
      expect(a.citations[0].text, q).toMatch(/诈|骗|劝阻|转账/u);
    }
  });

  it('never repeats a sentence across sections, and tips are advice, not stories', async () => {
    const deps = await seedEngine();
    for (const q of ['怎样防范电信网络诈骗？接到要求转账的电话该怎么办？', '什么是杀猪盘？', '老板在群里让我给业务单位转账，要注意什么', '直播间里买原石会被骗吗']) {
      const a = await answer(q, deps);
      const lines = a.sections.flatMap((s) => s.lines.map((l) => l.text));
      expect(new Set(lines).size, q).toBe(lines.length);
      for (const tip of a.sections.find((s) => s.kind === 'tips')?.lines ?? []) expect(tip.text, q).not.toMatch(/一番提醒让她及时醒悟/u);
    }
    const tips = await answer('怎样防范电信网络诈骗？接到要求转账的电话该怎么办？', deps);
    expect(tips.sections[1].kind).toBe('tips');
    expect(tips.sections[1].lines.map((l) => l.text).join('')).toMatch(/不要转账|不得转账/u);
  });

  it('the retriever also works through LangChain\'s retriever interface', async () => {
    const { retriever } = await seedEngine();
    const docs = await retriever.invoke('什么是杀猪盘？');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs[0].pageContent).toContain('杀猪盘');
    expect(docs[0].metadata.source).toBe('003_f681114cb4297908.txt');
  });

  it('is deterministic', async () => {
    const deps = await seedEngine();
    const a = await answer('老板在群里让我给业务单位转账，要注意什么', deps);
    const b = await answer('老板在群里让我给业务单位转账，要注意什么', deps);
    expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
  });
});
