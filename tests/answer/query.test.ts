import { describe, expect, it } from 'vitest';
import { translateEnglish } from '../../src/knowledge/glossary.js';
import { SCAM_TYPES } from '../../src/knowledge/scam-types.js';
import { analyzeQuery, detectLanguage } from '../../src/retrieval/query.js';

describe('detectLanguage', () => {
  it('tells Simplified, Traditional and English apart', () => {
    expect(detectLanguage('什么是杀猪盘？')).toBe('zh-Hans');
    expect(detectLanguage('什麼是殺豬盤？')).toBe('zh-Hant');
    expect(detectLanguage('What is a pig butchering scam?')).toBe('en');
    expect(detectLanguage('What does 杀猪盘 mean in English?')).toBe('en');
    expect(detectLanguage('收到一条带链接http://x.cn的短信')).toBe('zh-Hans');
  });
});

describe('translateEnglish', () => {
  it('prefers longer phrases and covers the general vocabulary', () => {
    expect(translateEnglish('They asked me to use a safe account')).toContain('安全账户');
    expect(translateEnglish('my bank card')).toContain('银行卡');
    expect(translateEnglish('The police called me about a refund')).toEqual(expect.arrayContaining(['警察', '退款']));
  });
});

describe('analyzeQuery', () => {
  it('classifies every scam type from its own example question', () => {
    for (const t of SCAM_TYPES) expect(analyzeQuery(t.exampleQuestion).scamTypes[0]?.id, t.exampleQuestion).toBe(t.id);
  });

  it('classifies English and Traditional questions through aliases and the glossary', () => {
    expect(analyzeQuery('Is this a pig-butchering scam?').scamTypes[0].id).toBe('romance');
    expect(analyzeQuery('Can I rent out my bank card for money?').scamTypes[0].id).toBe('two-cards');
    expect(analyzeQuery('網路兼職刷單是詐騙嗎').scamTypes[0].id).toBe('order-brushing');
  });

  it('does not take a question that only names a city or agency for a fraud question', () => {
    for (const q of ['无锡有什么好玩的', '济宁市公安局在哪里', '滁州明天天气', 'Where is Wuxi?'])
      expect(analyzeQuery(q).fraudSignal, q).toBe(false);
    for (const q of ['无锡有什么诈骗套路', '接到自称公安局的电话要我转账', 'Is this a scam?'])
      expect(analyzeQuery(q).fraudSignal, q).toBe(true);
  });

  it('recognises a pasted suspicious message and its red flags', () => {
    const q = analyzeQuery(
      '【XX银行】您的账户存在异常将被冻结，请立即点击 http://bank-xx.top 验证，并提供短信验证码。',
    );
    expect(q.intent).toBe('check-message');
    expect(q.redFlags.map((f) => f.id)).toEqual(expect.arrayContaining(['link', 'code', 'urgent']));
  });

  it("maps Taiwanese phrasing to the articles' words", () => {
    expect(analyzeQuery('網路詐騙').expansions.join(' ')).toContain('网络');
  });
});

describe('intent', () => {
  const cases: [string, string][] = [
    ['什么是杀猪盘？', 'how'],
    ['How does the livestream jade scam work?', 'how'],
    ['我刚被骗了3万块钱，还能追回来吗？', 'victim'],
    ['I was just scammed of 30,000 yuan, can I get it back?', 'victim'],
    ['我被騙了怎麼辦？錢能追回嗎', 'victim'],
    ['I sent money to a scammer yesterday, what now?', 'victim'],
    ['96110打电话给我说我在被骗，是真的吗', 'verify'],
    ['The police called me, is this real?', 'verify'],
    ['怎么保护爸妈不被骗？', 'protect'],
    ['How do I protect my elderly parents from scams?', 'protect'],
    ['公司会计怎么防止被冒充老板骗转账', 'protect'],
    ['无锡公安今年成功劝防了多少起电信诈骗', 'facts'],
    ['常见的诈骗有哪些？', 'types'],
    ['What kinds of scams are there?', 'types'],
  ];
  it.each(cases)('%s → %s', (q, intent) => {
    expect(analyzeQuery(q).intent).toBe(intent);
  });

  it('names the audience of a protect question', () => {
    expect(analyzeQuery('怎么保护爸妈不被骗？').audience).toBe('elderly');
    expect(analyzeQuery('孩子上大学了，怎么提醒他防范诈骗').audience).toBe('students');
    expect(analyzeQuery('How do I keep my staff from paying a fake CEO?').audience).toBe('finance');
  });

  it('does not make "police" alone a fake-police question, in English or Chinese', () => {
    expect(analyzeQuery('The police called me, is this real?').scamTypes).toEqual([]);
    expect(analyzeQuery('有个警察打电话给我').scamTypes.map((t) => t.id)).not.toContain('fake-police');
    // Two pieces of evidence do.
    expect(analyzeQuery('The police said I must move my money to a safe account').scamTypes[0]?.id).toBe('fake-police');
  });
});
