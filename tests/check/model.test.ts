import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessage, createChecker, MODEL_ALONE, SCAM_AT } from '../../src/check/checker.js';
import { extractFeatures } from '../../src/check/model/features.js';
import { type CheckModelData, loadCheckModel } from '../../src/check/model/model.js';
import { trainCheckModel } from '../../src/check/model/train.js';
import { normalize } from '../../src/check/normalize.js';

const MODEL_FILE = 'src/check/model/check-model.json';

describe('model features', () => {
  it('character 1–3-grams with at least one non-Latin character, English words and word pairs, digits folded', () => {
    const f = extractFeatures(normalize('加微信 abc123 Send money now'));
    expect(f.has('加')).toBe(true);
    expect(f.has('加微')).toBe(true);
    expect(f.has('加微信')).toBe(true);
    expect(f.has('w:send money')).toBe(true);
    expect(f.has('w:0')).toBe(true);
    // Latin-only character grams are left to the word features.
    expect(f.has('sen')).toBe(false);
    expect(f.has('a')).toBe(false);
  });

  it('spans point into the normalised text at the feature', () => {
    const n = normalize('您好，请先交保证金');
    const [from, to] = extractFeatures(n).get('保证金') ?? [0, 0];
    expect(n.text.slice(from, to)).toBe('保证金');
  });
});

describe('training', () => {
  // A toy set: the model must separate it and type it, deterministically.
  const items = [
    { text: '兼职刷单，日结佣金，加QQ领取任务', type: 'order-brushing' },
    { text: '点赞关注就有佣金，做任务日结', type: 'order-brushing' },
    { text: '您的贷款已审批，先交解冻金才能放款', type: 'fake-loan' },
    { text: '贷款额度已批，缴纳保证金后放款', type: 'fake-loan' },
    { text: '今晚一起吃饭吗？我七点到', type: null },
    { text: '明天开会改到下午三点，请准时参加', type: null },
  ];

  it('learns the classes and is reproducible', () => {
    const a = trainCheckModel(items, { epochs: 200, minDf: 1 });
    const b = trainCheckModel(items, { epochs: 200, minDf: 1 });
    expect(a.classes).toEqual(['ordinary', 'fake-loan', 'order-brushing']);
    const p = a.model.predict(normalize('做任务拿佣金，日结'));
    expect(p.pScam).toBeGreaterThan(0.5);
    expect(p.type).toBe('order-brushing');
    expect(a.model.predict(normalize('我七点到，一起吃饭')).pScam).toBeLessThan(0.5);
    expect(b.model.predict(normalize('先交解冻金')).pScam).toBe(a.model.predict(normalize('先交解冻金')).pScam);
  });
});

describe('the committed model', () => {
  const data = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as CheckModelData;

  it('is small and has the taxonomy classes', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThan(1024 * 1024);
    expect(data.classes[0]).toBe('ordinary');
    expect(data.classes).toContain('fake-investment');
    expect(data.classes).toContain('order-brushing');
  });

  it('predicts in well under 2 ms per message', () => {
    const model = loadCheckModel(data);
    const text = normalize(
      '【兼职】在家做任务，给酒店写五星好评，每条18元，日结，加Telegram @task_0001 领取。'.repeat(3),
    );
    model.predict(text);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) model.predict(text);
    expect((performance.now() - t0) / 50).toBeLessThan(2);
  });

  it('refuses data it does not understand', () => {
    expect(() => loadCheckModel({ ...data, classes: ['scam', ...data.classes.slice(1)] })).toThrow(/unsupported/u);
  });
});

describe('rules and model together', () => {
  const rulesOnly = createChecker({ model: null });
  // A stub model: everything is a likely scam of one type; the rules still explain.
  const eager = createChecker({
    model: {
      classes: ['ordinary', 'fake-investment'],
      predict: (n) => ({
        pScam: 0.99,
        type: 'fake-investment',
        typeShare: 1,
        typeShares: { 'fake-investment': 1 },
        evidence: [0, Math.min(3, n.text.length)],
      }),
    },
  });

  it('a confident model lifts an unflagged long text to suspicious, quoting the text', () => {
    const text = '各位朋友，我们的新项目今年表现非常出色，欢迎大家下周来公司参观交流';
    expect(rulesOnly(text).verdict).toBe('no-signs');
    const r = eager(text);
    expect(r.verdict).toBe('suspicious');
    expect(r.redFlags.map((f) => f.id)).toEqual(['resembles-scam']);
    expect(text.includes(r.redFlags[0].evidence)).toBe(true);
    expect(r.redFlags[0].evidence.length).toBeGreaterThan(3);
    expect(r.scamType).toBe('fake-investment');
    expect(MODEL_ALONE).toBeLessThan(0.99);
  });

  it('the model does not speak on short texts nor on routine notices', () => {
    expect(eager('這家店沒有手續費').verdict).toBe('no-signs');
    expect(eager('详情见 http://example-shop.com/a').verdict).toBe('no-signs');
    const otp = eager('【中国银行】您的验证码是482913，5分钟内有效，请勿告知他人，以免造成损失。');
    expect(otp.verdict).toBe('no-signs');
    expect(otp.routine).toBe('otp');
  });

  it('a sceptical model never lowers the rules’ verdict', () => {
    const sceptic = createChecker({
      model: {
        classes: ['ordinary'],
        predict: () => ({ pScam: 0, typeShare: 0, typeShares: {} }),
      },
    });
    const text = '【公安局】您的账户涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉家人。';
    expect(sceptic(text).verdict).toBe(rulesOnly(text).verdict);
    expect(sceptic(text).verdict).toBe('scam');
  });

  it('two strong signs of different families make a scam', () => {
    const r = rulesOnly('您的贷款已审批，请先缴纳解冻金2000元，加微信 dk_0001 办理');
    expect(r.verdict).toBe('scam');
    expect(r.score).toBeGreaterThanOrEqual(SCAM_AT);
  });

  it('the committed checker warns on unseen-wording scams the issue names', () => {
    for (const text of [
      '各位同事：我是集团财务总监，因审计需要，请今天下班前将部门备用金转至以下临时账户，此事暂不对外。',
      '您好，這裡是聯合徵信中心，您有一筆異常分期，若不處理會列入信用不良紀錄，請依專員指示到ATM操作。',
      'We are hiring app optimizers: boost app ratings from home, daily pay 300-900 USD.',
    ])
      expect(checkMessage(text).verdict).not.toBe('no-signs');
  });
});
