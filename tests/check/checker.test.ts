import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMessage, linkFlags, registrableDomain } from '../../src/check/checker.js';
import { classifyScamType } from '../../src/check/classify.js';
import { normalize, originalSpan } from '../../src/check/normalize.js';
import { NO_SIGNS_TEXT } from '../../src/check/types.js';
import { SCAM_TYPES } from '../../src/knowledge/scam-types.js';

describe('routine notices get no-signs', () => {
  it.each([
    ['otp', '【中国银行】您的验证码是482913，5分钟内有效，请勿告知他人。'],
    ['otp', '【中國信託】您的驗證碼為 583920，請勿告知他人，以免受騙。'],
    ['otp', 'Your Google verification code is 204816. Do not share it with anyone.'],
    ['card-transaction', '【招商银行】您尾号1234的信用卡10月25日消费人民币356.00元。'],
    ['card-transaction', 'HSBC: A purchase of $42.10 at TESCO was made on your card ending 4421.'],
    ['carrier-bill', '【中国移动】尊敬的客户，您本月话费账单为58.00元，详情请登录中国移动App查询。'],
    ['carrier-bill', '【中華電信】您本期帳單金額NT$599，繳費期限12/10，可透過中華電信App或超商繳費。'],
    ['parcel', '【菜鸟驿站】您的包裹已到达XX小区驿站，取件码5-2-3021，请及时领取。'],
    ['anti-fraud-reminder', '【警政署】提醒您：165反詐騙專線，接到自稱檢警要求匯款到安全帳戶，都是詐騙！'],
    ['anti-fraud-reminder', '【国家反诈中心】提醒您：凡是让您共享屏幕、索要验证码的都是诈骗，请下载国家反诈中心APP。'],
    ['appointment', '【市人民医院】您已预约11月28日上午9:30心内科门诊，请准时就诊。'],
  ])('%s: %s', (routine, text) => {
    const r = checkMessage(text);
    expect(r.verdict).toBe('no-signs');
    expect(r.routine).toBe(routine);
    expect(r.scamType).toBeUndefined();
  });

  it.each([
    ['a link to a non-official domain', '【中国银行】您的验证码是482913，登录 http://boc-verify.top 完成验证。'],
    ['a request to add someone', '【招商银行】您尾号1234的信用卡消费356元，如有疑问请加微信 cmb-kefu88 处理。'],
    ['a pay request', '【菜鸟驿站】您的包裹已到达，需先交5元保管费才能取件，加QQ 123456789。'],
    ['a request to call a mobile number', '【中国移动】您的话费账单异常，请立即致电 13800138000 处理，否则停机。'],
  ])('a routine notice with %s is not routine', (_why, text) => {
    const r = checkMessage(text);
    expect(r.routine).toBeUndefined();
    expect(r.verdict).not.toBe('no-signs');
  });
});

describe('observed misses from issue 7', () => {
  it('快手 "member by mistake, let us cancel it" call', () => {
    const r = checkMessage(
      '您好，我是快手客服，您之前不小心开通了快手直播会员，如果不取消的话每个月会扣您500元，我这边帮您取消。',
    );
    expect(r.verdict).not.toBe('no-signs');
    expect(r.scamType).toBe('fake-customer-service');
  });

  it('stock-tip lure in Traditional with 添加line', () => {
    const r = checkMessage('機構主力聯合操盤，佈局明日漲停 免費領取請添加line');
    expect(r.verdict).not.toBe('no-signs');
    expect(r.scamType).toBe('fake-investment');
    expect(r.redFlags.map((f) => f.evidence)).toContain('添加line');
  });

  it('fake water bill', () => {
    const r = checkMessage('【水务集团】您家本月水费已欠费168元，逾期将停水，请尽快点击 http://sw-jiaofei.top 缴纳。');
    expect(r.verdict).not.toBe('no-signs');
    expect(r.scamType).toBe('phishing');
  });

  it('traffic fine', () => {
    const r = checkMessage(
      '【交管12123】您有一条交通违法记录未处理，罚款200元，请登录 https://12123-gov.cc 处理，逾期将扣分。',
    );
    expect(r.verdict).toBe('scam');
    expect(r.scamType).toBe('phishing');
    expect(r.redFlags.map((f) => f.id)).toContain('lookalike-domain');
  });

  it('loan that wants 解冻金 first and moves to WeChat', () => {
    const r = checkMessage('您的贷款已审批通过，但账户被冻结，需要先交一笔解冻金…加微信给你发一个链接');
    expect(r.verdict).toBe('scam');
    expect(r.scamType).toBe('fake-loan');
  });

  it('a 警政署 reminder is not typed 冒充客服 (nor anything)', () => {
    const r = checkMessage('【警政署】165提醒您：解除分期付款、假投資都是詐騙！接到可疑電話請撥165查證。');
    expect(r.verdict).toBe('no-signs');
    expect(r.scamType).toBeUndefined();
  });

  it('a guqin school ad is not socialite training', () => {
    const text = '【雅韵古琴艺术学校】资深古琴老师一对一授课，暑期课程火热报名中，欢迎到店试听。回T退订';
    const r = checkMessage(text);
    expect(r.verdict).toBe('no-signs');
    expect(r.scamType).toBeUndefined();
    expect(classifyScamType(normalize(text).text, [])).toBeUndefined();
  });

  it('我会尽快还给你 and 沒有手續費 raise nothing', () => {
    expect(checkMessage('谢谢你，我会尽快还给你').redFlags).toEqual([]);
    expect(checkMessage('這家店沒有手續費').redFlags).toEqual([]);
  });
});

describe('typing needs more than one generic word', () => {
  it.each([['老师'], ['课程'], ['老师 课程'], ['police'], ['what do the police do'], ['投资'], ['客服']])(
    '「%s」 is not typed',
    (text) => {
      expect(classifyScamType(normalize(text).text, [])).toBeUndefined();
    },
  );

  it('every type is typed from its own example message', () => {
    for (const t of SCAM_TYPES) {
      const r = checkMessage(t.exampleMessage);
      expect(r.verdict, t.id).not.toBe('no-signs');
      expect(r.scamType, t.id).toBe(t.id);
    }
  });

  it('the taxonomy has the ids of the brief, each with names in three scripts', () => {
    const ids = SCAM_TYPES.map((t) => t.id);
    for (const id of [
      'fake-customer-service',
      'fake-police',
      'fake-investment',
      'order-brushing',
      'romance',
      'fake-boss',
      'ticket-refund',
      'livestream-jade',
      'fake-charity',
      'socialite-training',
      'game-account',
      'two-cards',
      'fake-shopping',
      'fake-loan',
      'fake-credit',
      'fake-acquaintance',
      'phishing',
      'recovery-scam',
      'sextortion',
    ]) {
      expect(ids).toContain(id);
    }
    for (const t of SCAM_TYPES)
      expect([t.name, t.nameHant, t.nameEn, t.exampleMessage].every((s) => s.length > 0)).toBe(true);
  });
});

describe('verdicts', () => {
  it('never says safe; no-signs has the fixed wording', () => {
    expect(NO_SIGNS_TEXT.zh).toBe('未发现典型诈骗特征 — 仍请通过官方渠道核实');
    expect(`${NO_SIGNS_TEXT.zh}${NO_SIGNS_TEXT.zhHant}${NO_SIGNS_TEXT.en}`).not.toMatch(/安全|safe/i);
  });

  it('every scam or suspicious verdict is explained by at least one flag', () => {
    for (const t of SCAM_TYPES) {
      const r = checkMessage(t.exampleMessage);
      if (r.verdict !== 'no-signs') expect(r.redFlags.length).toBeGreaterThan(0);
    }
  });

  it('a single weak sign does not warn', () => {
    expect(checkMessage('详情见 http://example-shop.com/a').verdict).toBe('no-signs');
    expect(checkMessage('活动今天截止，请尽快报名').verdict).toBe('no-signs');
  });

  it('forwarding is context only', () => {
    const text = '您好，我是淘宝客服，您的快递丢失了，我们给您双倍理赔，请加微信处理。';
    const a = checkMessage(text);
    const b = checkMessage({ text, forwarded: true, forwardedFrom: 'someone' });
    expect(b).toEqual(a);
  });

  it('zero-width characters do not hide a flag', () => {
    const text = '请把钱转到安\u200b全\u200b账\u200b户';
    const hit = checkMessage(text).redFlags.find((f) => f.id === 'safe-account');
    expect(hit?.evidence).toBe('转到安\u200b全\u200b账\u200b户');
    expect(normalize('杀\u200b猪\u200b盘').text).toBe('杀猪盘');
    expect(classifyScamType(normalize('杀\u200b猪\u200b盘').text, [])).toBe('romance');
  });

  it('full-width and Traditional forms match, evidence stays in the original form', () => {
    const hit = checkMessage('請加ＬＩＮＥ：ａｂｃ１２３４').redFlags.find((f) => f.id === 'private-channel');
    // The quote takes in the whole id the request names, in its original full-width form.
    expect(hit?.evidence).toBe('加ＬＩＮＥ：ａｂｃ１２３４');
  });
});

describe('links', () => {
  it('classifies link risks', () => {
    expect(linkFlags('http://t.cn/abc')).toContain('short-link');
    expect(linkFlags('http://10.1.2.3/x')).toContain('ip-link');
    expect(linkFlags('www.example.xyz')).toContain('odd-tld');
    expect(linkFlags('https://icbc-pay.com/login')).toContain('lookalike-domain');
    expect(linkFlags('http://amaz0n-delivery.com')).toContain('lookalike-domain');
    expect(linkFlags('https://www.icbc.com.cn/x')).toEqual([]);
    expect(linkFlags('https://gab.122.gov.cn')).toEqual([]);
    expect(registrableDomain('a.b.example.com.cn')).toBe('example.com.cn');
  });
});

describe('entities', () => {
  it('finds links, phones in three regions, accounts and amounts as exact spans', () => {
    const text =
      '加微信：kefu_8899 或QQ 123456789，电话 +86 138 0013 8000、+886 912-345-678、+852 5123 4567、400-123-4567、95588，链接 https://t.cn/A1b，金额5000元、$1,200、NT$599';
    const e = checkMessage(text).entities;
    expect(e.urls).toEqual(['https://t.cn/A1b']);
    expect(e.phones).toEqual(
      expect.arrayContaining(['+86 138 0013 8000', '+886 912-345-678', '+852 5123 4567', '400-123-4567', '95588']),
    );
    expect(e.accounts).toEqual(expect.arrayContaining(['微信：kefu_8899', 'QQ 123456789']));
    expect(e.amounts).toEqual(expect.arrayContaining(['5000元', '$1,200', 'NT$599']));
    for (const list of Object.values(e)) for (const s of list) expect(text.includes(s)).toBe(true);
  });

  it('a one-time code or card number is not a phone', () => {
    expect(checkMessage('您的验证码是482913').entities.phones).toEqual([]);
    expect(checkMessage('卡号6222021234567890123').entities.phones).toEqual([]);
  });
});

describe('normalisation keeps an offset map', () => {
  it('maps every normalised unit back into the original', () => {
    const n = normalize('殺\u200b豬 盤！ＡＢＣ 沒有手續費');
    expect(n.text).toBe('杀猪盘！abc 没有手续费');
    expect(originalSpan(n, 0, 3)).toBe('殺\u200b豬 盤');
  });

  it('keeps Simplified-only characters as they are (什么 does not become 什幺)', () => {
    expect(normalize('什么').text).toBe('什么');
  });
});

describe('property: evidence is always an exact substring of the input', () => {
  const pieces = [
    '安全账户',
    '加微信',
    '解冻金',
    '验证码',
    '请勿告知他人',
    '沒有手續費',
    'http://t.cn/x',
    '\u200b',
    'Ａ',
    '殺豬盤',
    '立即转账',
    ' ',
    '，',
    'USDT',
    '尊敬的',
    '😀',
    '\ud83d',
    'é',
    'ﬁ',
    '㈱',
  ];
  it('holds for random mixes of flag words, invisible, full-width and astral characters', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...pieces),
            fc.string({ maxLength: 6 }),
            fc.string({ unit: 'binary', maxLength: 4 }),
          ),
          { maxLength: 25 },
        ),
        (parts) => {
          const text = parts.join('');
          const r = checkMessage(text);
          for (const f of r.redFlags) {
            expect(f.evidence.length).toBeGreaterThan(0);
            expect(text.includes(f.evidence)).toBe(true);
          }
          for (const list of Object.values(r.entities)) for (const s of list) expect(text.includes(s)).toBe(true);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('evidence quotes the telling words, whole and tidy', () => {
  const flag = (text: string, id: string) => checkMessage(text).redFlags.find((f) => f.id === id)?.evidence;

  it('a "Hi Mum" new-number message: quotes the new number, catches the story, the channel and the bill; a scam', () => {
    const text =
      'Hi Mum, I dropped my phone in the toilet, this is my new number… text me back on WhatsApp… need to pay a bill urgently';
    const r = checkMessage(text);
    expect(flag(text, 'new-number')).toBe('this is my new number');
    expect(flag(text, 'private-channel')).toBe('text me back on WhatsApp');
    expect(flag(text, 'borrow-money')).toBe('need to pay a bill');
    expect(r.verdict).toBe('scam');
    expect(r.scamType).toBe('fake-acquaintance');
    // The lost-phone story alone is caught as the same sign.
    expect(flag('Hi, I dropped my phone in the toilet, can you call me later?', 'new-number')).toBe('dropped my phone');
    expect(flag('Mum, my phone is broken, WhatsApp me on this number', 'private-channel')).toBe('WhatsApp me');
  });

  it('a classmate with a new WeChat: quotes the change of account and the whole id', () => {
    const text = '你好，我是你的老同学…我换了个新微信，加一下 wxid_abc123';
    expect(flag(text, 'new-number')).toBe('换了个新微信');
    expect(flag(text, 'private-channel')).toBe('加一下 wxid_abc123');
  });

  it('an ETC notice: quotes the stated problem without the bracket of its header, and whole links', () => {
    const text = '【ETC】您的ETC卡已失效，请立即登录 http://etc-gx.cc/a 更新信息';
    expect(flag(text, 'bill-fine')).toBe('您的ETC卡已失效');
    expect(flag(text, 'lookalike-domain')).toBe('http://etc-gx.cc/a');
    // The bill is quoted, not the run-on to the link (the link flags quote the link whole).
    expect(flag('您的通行费欠缴，详见 http://etc-pay.top/x 处理', 'bill-fine')).toBe('通行费欠缴');
  });

  it('a quote cut before a bracket takes in the bracketed name instead when too little is left', () => {
    const text = '我们去“易游担保网”交易吧，那里有担保';
    const e = flag(text, 'off-platform');
    expect(e).toBeDefined();
    expect(e).toContain('“易游担保网”');
  });

  const O = '【「『（(［[《“〔';
  const C = '】」』）)］]》”〕';
  const TOKEN = /[A-Za-z0-9_]/u;
  it.each(['tests/eval/check-dev.json', 'tests/eval/check-heldout.json'])(
    'on %s no quote starts or ends mid-word, with punctuation or a dangling bracket',
    (path) => {
      const items = (JSON.parse(readFileSync(path, 'utf8')) as { items: { text: string }[] }).items;
      const ragged: string[] = [];
      for (const { text } of items)
        for (const { evidence: e } of checkMessage(text).redFlags) {
          const i = text.indexOf(e);
          const j = i + e.length;
          let depth = 0;
          let unbalanced = false;
          for (const ch of e)
            if (O.includes(ch)) depth++;
            else if (C.includes(ch)) depth > 0 ? depth-- : (unbalanced = true);
          if (
            (i > 0 && TOKEN.test(text[i - 1]) && TOKEN.test(e[0])) ||
            (j < text.length && TOKEN.test(text[j]) && TOKEN.test(e[e.length - 1])) ||
            unbalanced ||
            depth > 0 ||
            /^[\s，。！？；：、,.;:!?]|[\s，。！？；：、,;:!?]$/u.test(e)
          )
            ragged.push(e);
        }
      expect(ragged).toEqual([]);
    },
  );
});

describe('a call about a frozen health or social-security card is a fake government office', () => {
  it.each([
    '我今年七十多了，老有人打电话说我医保卡被冻结了，要我按键转人工',
    '接到一个电话，说我的社保卡在外地被盗刷，已经冻结了',
    '您的医保卡涉嫌违规已被冻结，按1转人工服务',
    'Someone called saying my Medicare card has been suspended and I must press 1 to speak to an agent',
    'I got a call saying my social security number is suspended, press 1',
  ])('%s → fake-police', (text) => {
    const r = checkMessage(text);
    expect(r.verdict).not.toBe('no-signs');
    expect(r.scamType).toBe('fake-police');
  });

  it.each([
    '您的医保卡已被冻结，请点击 http://ybj-gov.top 解冻',
    'Your Medicare card has been suspended. Click http://medicare-au.top to restore it',
  ])('the same card problem sent with a link stays phishing: %s', (text) => {
    expect(checkMessage(text).scamType).toBe('phishing');
  });
});

describe('ordinary chats addressed to family get no-signs', () => {
  it.each([
    'Hi Mum, I got home safe, call you later',
    '妈，我到学校了，晚上给你打电话',
    '老师好，孩子这周的作业已经交了，谢谢',
  ])('%s', (text) => {
    // "Hi Mum" alone is how families write, not the new-number trick (that needs the new number).
    const r = checkMessage(text);
    expect(r.verdict).toBe('no-signs');
    expect(r.redFlags).toEqual([]);
  });
});

describe('a bill or fine notice quotes the problem, not the run-on to its link', () => {
  it.each([
    ['【遠通電收】您有一筆通行費逾期未繳，請於今日繳納以免加收罰鍰 https://fetc-pay.cc', '通行費逾期未繳'],
    ['【交管12123】您有一条违章记录未处理，请点击 http://12123-gov.cc/x 查看', '违章记录未处理'],
  ])('%s', (text, evidence) => {
    const hit = checkMessage(text).redFlags.find((f) => f.id === 'bill-fine');
    expect(hit?.evidence).toBe(evidence);
  });
});
