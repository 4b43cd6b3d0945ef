import { describe, expect, it } from 'vitest';
import { answer, askerLanguage } from '../../src/answer/engine.js';
import { detectScript } from '../../src/text/script.js';
import { seedEngine } from '../helpers/engine.js';

describe("the answer is in the asker's language, not the pasted message's", () => {
  it('picks the language of the words around the message', () => {
    expect(
      askerLanguage('我奶奶收到这条短信，是诈骗吗？USPS: your package is on hold https://usps-redelivery.top'),
    ).toBe('zh-Hans');
    expect(
      askerLanguage(
        '这条短信是诈骗吗？【165全民防騙】您的帳戶異常，請點擊連結驗證',
        '【165全民防騙】您的帳戶異常，請點擊連結驗證',
      ),
    ).toBe('zh-Hans');
    expect(askerLanguage('Is this a scam? 【工商银行】您的账户异常，请点击链接验证 http://icbc-xx.top')).toBe('en');
    expect(askerLanguage('What does 杀猪盘 mean?')).toBe('en');
    expect(askerLanguage('USPS: your package is on hold, pay the fee at https://usps-redelivery.top')).toBe('en');
  });

  it('answers a Chinese question about an English text in Chinese, and a Simplified one about a Traditional text in Simplified', async () => {
    const deps = await seedEngine();
    const a = await answer(
      '我奶奶收到这条短信，是诈骗吗？USPS: your package is on hold https://usps-redelivery.top',
      deps,
    );
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
    expect(analyzeQuery('I just sent $5000 to someone on a crypto investment site, can I get it back?').intent).toBe(
      'victim',
    );
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
    for (const a of [credit, parcel])
      expect(a.sections.some((s) => s.lines.some((l) => l.cites.length > 0))).toBe(true);
  });
});

describe('next steps for the reader’s region', () => {
  const NO_POLICE_STEPS = '有人喺網上話可以幫我清債務，要先俾手續費，係咪呃人？';

  it('Taiwan gets 165 and 110, Hong Kong 18222 and 999, mainland 96110; never the mainland app in Traditional', async () => {
    const deps = await seedEngine();
    const tw = await answer(NO_POLICE_STEPS, deps, { languageCode: 'zh-tw' });
    const hk = await answer(NO_POLICE_STEPS, deps, { languageCode: 'zh-hk' });
    const cn = await answer(NO_POLICE_STEPS, deps, { language: 'zh-Hans' });
    expect(tw.nextSteps).toMatch(/165/u);
    expect(tw.nextSteps).toMatch(/110/u);
    expect(hk.nextSteps).toMatch(/18222/u);
    expect(hk.nextSteps).toMatch(/999/u);
    for (const a of [tw, hk]) expect(a.nextSteps).not.toMatch(/96110|國家反詐中心/u);
    expect(cn.nextSteps).toMatch(/96110/u);
    const en = await answer('How do I protect myself from scams?', deps);
    expect(en.nextSteps).toMatch(/96110.*165.*18222/su);
  });

  it('the off-topic reply names the region’s lines too', async () => {
    const hk = await answer('今日天氣點樣？', await seedEngine(), { languageCode: 'zh-hk' });
    expect(hk.inScope).toBe(false);
    expect(hk.text).toMatch(/18222/u);
    expect(hk.text).not.toMatch(/96110/u);
  });

  it('no footer when the answer’s own steps already say to call 110', async () => {
    const deps = await seedEngine();
    const a = await answer('被冒充警察的人骗了钱怎么办？', deps);
    expect(
      a.sections.some((s) => (s.kind === 'todo' || s.kind === 'steps') && s.lines.some((l) => /110/u.test(l.text))),
    ).toBe(true);
    expect(a.nextSteps).toBeUndefined();
    // In Hong Kong the footer is kept: it gives 999 and 18222, which the guide's steps do not.
    const hk = await answer('被冒充警察的人骗了钱怎么办？', deps, { language: 'zh-Hant', languageCode: 'zh-hk' });
    expect(hk.nextSteps).toMatch(/999/u);
  });

  it('a question about a call from 165 or 18222 reaches the hotline page, the number asked first', async () => {
    const deps = await seedEngine();
    for (const [q, code, num] of [
      ['165打電話給我是真的嗎？', 'zh-tw', '165'],
      ['18222打電話俾我係真嘅嗎？', 'zh-hk', '18222'],
    ] as const) {
      const a = await answer(q, deps, { languageCode: code });
      expect(a.intent).toBe('verify');
      expect(a.citations[0].source).toMatch(/hotline-96110/u);
      expect(a.sections.find((s) => s.kind === 'facts')?.lines[0].text).toContain(num);
      // The direct answer is about the number asked, not the page's 96110 rule.
      expect(a.sections[0].kind).toBe('rule');
      expect(a.sections[0].lines[0].text).toContain(num);
    }
  });
});

describe('what the police say is advice, not a description of their publicity work', () => {
  it('CAMPAIGN recognises publicity work; a rule inside it still counts', async () => {
    const { ADVICE_STRONG, CAMPAIGN } = await import('../../src/knowledge/advice.js');
    expect(CAMPAIGN.test('队员们还参观了反诈展厅。')).toBe(true);
    expect(CAMPAIGN.test('通过发放鸡蛋等小礼品的方式，集中开展精准宣传。')).toBe(true);
    expect(CAMPAIGN.test('陌生人让你转账，一律不要转。')).toBe(false);
    expect(ADVICE_STRONG.test('民警在宣讲中提醒：千万不要向陌生账户转账。')).toBe(true);
  });

  it('no quoted police advice, and no statement outside a facts answer, is a campaign description', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ADVICE_STRONG, CAMPAIGN } = await import('../../src/knowledge/advice.js');
    const { libraryOf } = await import('../../src/answer/engine.js');
    const deps = await seedEngine();
    const campaign = (t: string) => CAMPAIGN.test(t) && !ADVICE_STRONG.test(t);
    expect(libraryOf(deps.retriever).advice.filter((s) => campaign(s.text))).toEqual([]);
    const golden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', 'golden.json'), 'utf8')) as {
      items: { q: string }[];
    };
    for (const { q } of golden.items) {
      const a = await answer(q, deps);
      if (a.intent === 'facts') continue;
      for (const s of a.sections)
        if (s.kind === 'tips' || s.kind === 'facts')
          for (const l of s.lines)
            if (l.cites.some((n) => a.citations[n - 1].kind === 'news'))
              expect(campaign(l.text), `${q}: ${l.text}`).toBe(false);
    }
  });
});

describe('regional wording', () => {
  it('Taiwan: 管道, 透過官方, 回覆; Hong Kong: 連結, 影片, 短訊', async () => {
    const { toRegional } = await import('../../src/answer/i18n.js');
    expect(toRegional('仍请通过官方渠道核实，不要回复。', 'tw')).toBe('仍請透過官方管道核實，不要回覆。');
    expect(toRegional('这条短信里的链接和视频都别点。', 'hk')).toBe('這條短訊裏的連結和影片都別點。');
    // 通过 as "passed" stays.
    expect(toRegional('审核通过了', 'tw')).toContain('通過');
  });

  it('no mainland word in the Taiwan or Hong Kong answers to the golden questions', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const deps = await seedEngine();
    const golden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', 'golden.json'), 'utf8')) as {
      items: { q: string }[];
    };
    const MAINLAND = { tw: /渠道|通過官方|回復|鏈接|視頻|網絡|軟件|信息/u, hk: /鏈接|視頻|短信/u } as const;
    for (const code of ['tw', 'hk'] as const)
      for (const { q } of golden.items) {
        const a = await answer(q, deps, { language: 'zh-Hant', languageCode: `zh-${code}` });
        const body = a.text.replace(a.question, '');
        expect(body.match(MAINLAND[code])?.[0], `${code}: ${q}`).toBeUndefined();
      }
  });
});
