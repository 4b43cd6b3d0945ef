import { describe, expect, it } from 'vitest';
import { answer, askerLanguage } from '../../src/answer/engine.js';
import { detectScript } from '../../src/text/script.js';
import { seedEngine } from '../helpers/engine.js';

describe("the answer is in the asker's language, not the pasted message's", () => {
  it('picks the language of the words around the message', () => {
    expect(askerLanguage('我奶奶收到这条短信，是诈骗吗？USPS: your package is on hold https://usps-redelivery.top')).toBe('zh-Hans');
    expect(askerLanguage('这条短信是诈骗吗？【165全民防騙】您的帳戶異常，請點擊連結驗證', '【165全民防騙】您的帳戶異常，請點擊連結驗證')).toBe('zh-Hans');
    expect(askerLanguage('Is this a scam? 【工商银行】您的账户异常，请点击链接验证 http://icbc-xx.top')).toBe('en');
    expect(askerLanguage('What does 杀猪盘 mean?')).toBe('en');
    expect(askerLanguage('USPS: your package is on hold, pay the fee at https://usps-redelivery.top')).toBe('en');
  });

  it('answers a Chinese question about an English text in Chinese, and a Simplified one about a Traditional text in Simplified', async () => {
    const deps = await seedEngine();
    const a = await answer('我奶奶收到这条短信，是诈骗吗？USPS: your package is on hold https://usps-redelivery.top', deps);
    expect(a.language).toBe('zh-Hans');
    expect(a.text).toMatch(/[\u4e00-\u9fff]{10}/u);
    const b = await answer('这条短信是诈骗吗？【165全民防騙】您的帳戶異常，請點擊連結驗證', deps);
    expect(b.language).toBe('zh-Hans');
    expect(detectScript(b.text)).not.toBe('traditional');
  });
});

describe('intent: figures versus getting one’s own money back', () => {
  it('a 多少/how-much question not about the asker is facts, even with 追回; a payment the asker made is victim', async () => {
    const { analyzeQuery } = await import('../../src/retrieval/query.js');
    expect(analyzeQuery('今年警方为群众追回了多少钱？').intent).toBe('facts');
    expect(analyzeQuery('How much money did police recover this year?').intent).toBe('facts');
    expect(analyzeQuery('I just sent $5000 to someone on a crypto investment site, can I get it back?').intent).toBe('victim');
    expect(analyzeQuery('I transferred 5000 to them yesterday').intent).toBe('victim');
    expect(analyzeQuery('我被骗了多少钱能追回').intent).toBe('victim');
    // The regex once held a literal backslash-d: "\d" text must not count as a payment.
    expect(analyzeQuery('I sent \\d to the shop').intent).not.toBe('victim');
  });
});

describe('never an empty answer', () => {
  it('a question in scope that nothing answers directly gets the guide’s general advice, not only the framing line', async () => {
    const deps = await seedEngine();
    const a = await answer('有人喺網上話可以幫我清債務，要先俾手續費，係咪呃人？', deps, { languageCode: 'zh-hk' });
    expect(a.inScope).toBe(true);
    expect(a.sections.some((s) => s.lines.some((l) => l.cites.length > 0))).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
  });

  it('credit repair and parcel-fee texts are fraud questions, typed', async () => {
    const deps = await seedEngine();
    const credit = await answer('Can someone really repair my credit score for a fee?', deps);
    expect(credit.inScope).toBe(true);
    expect(credit.scamTypes[0]).toBe('fake-credit');
    const parcel = await answer("My mum got a text from 'Royal Mail' saying a parcel fee is due, what is it?", deps);
    expect(parcel.inScope).toBe(true);
    expect(parcel.scamTypes[0]).toBe('phishing');
    for (const a of [credit, parcel]) expect(a.sections.some((s) => s.lines.some((l) => l.cites.length > 0))).toBe(true);
  });
});
