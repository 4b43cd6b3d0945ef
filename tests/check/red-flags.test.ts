import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/check/checker.js';
import { RED_FLAGS } from '../../src/knowledge/red-flags.js';

// One positive example per red flag, with the evidence expected (an exact span of it).
const POSITIVE: Record<string, [text: string, evidence: string]> = {
  'private-channel': ['详情请添加微信：abc12345', '添加微信：abc12345'],
  'pay-first': ['放款前需要先交解冻金3000元', '解冻金'],
  'credit-repair': ['专业征信修复，三天消除逾期记录', '征信修复'],
  urgency: ['请立即转账，否则后果自负', '立即转账'],
  threat: ['您的账户已被冻结', '冻结'],
  secrecy: ['此事不要告诉家人', '不要告诉家人'],
  'screen-share': ['请打开屏幕共享，我指导您操作', '屏幕共享'],
  'download-app': ['请下载这个投资APP注册', '下载这个投资APP'],
  link: ['详情见 http://example-shop.com/a', 'http://example-shop.com/a'],
  'short-link': ['点击 http://t.cn/A6x9 领取', 'http://t.cn/A6x9'],
  'lookalike-domain': ['请登录 https://icbc-secure.com 验证', 'https://icbc-secure.com'],
  'ip-link': ['访问 http://45.12.8.9/login 处理', 'http://45.12.8.9/login'],
  'odd-tld': ['活动详情 www.lucky-gift.top', 'www.lucky-gift.top'],
  'safe-account': ['请把资金转入安全账户', '转入安全账户'],
  'guided-operation': ['别挂电话，我一步步教你操作', '我一步步教你操作'],
  'emergency-story': ['你儿子出车祸了，急需手术费', '出车祸'],
  'claims-authority': ['我是市公安局民警，你涉嫌一起案件', '我是市公安局民警'],
  'claims-service': ['您好，我是淘宝客服', '我是淘宝客服'],
  'member-cancel': ['您误开通了会员服务', '误开通'],
  'claims-boss': ['我是王总，有件事找你', '我是王总'],
  'new-number': ['这是我的新号码，存一下', '这是我的新号码'],
  'borrow-money': ['最近急用钱，先借我两千', '急用钱'],
  'claims-teacher': ['股票老师带你赚钱', '股票老师'],
  'high-return': ['稳赚不赔的项目', '稳赚'],
  'task-rebate': ['在家刷单，一单一结', '刷单'],
  'free-offer': ['免费领取限量礼品', '免费领'],
  'odd-payment': ['请用USDT支付', 'USDT'],
  'top-up': ['你先充5000试试', '你先充5000'],
  'off-platform': ['我们私下交易更便宜', '私下交易'],
  'transfer-request': ['今天转5000到这个账户', '转5000'],
  'romance-lure': ['看了你的资料很喜欢你', '看了你的资料'],
  'charity-appeal': ['扫码捐款，献爱心', '扫码捐款'],
  'elite-lure': ['名媛培训班招生', '名媛'],
  'sex-lure': ['我们视频聊点刺激的吧', '聊点刺激'],
  'personal-account': ['请汇到我的个人账户', '到我的个人账户'],
  'asks-code': ['请把收到的验证码发给我', '验证码发给我'],
  'asks-card': ['请提供银行卡号完成认证', '提供银行卡号'],
  prize: ['恭喜您中奖了', '中奖'],
  'points-redeem': ['您的积分即将清零，可兑换礼品', '积分即将清零'],
  'refund-comp': ['您的快递丢失，我们给您理赔', '快递丢失'],
  'bill-fine': ['您的ETC已失效，请重新认证', 'ETC已失效'],
  'flight-change': ['您的航班已取消，请致电改签', '航班已取消，请致电改签'],
  recovery: ['我们可以帮你追回损失', '帮你追回'],
  'exposure-threat': ['你的裸聊视频我都录下来了', '裸聊'],
  'card-rental': ['高价收购银行卡', '高价收购银行卡'],
  'loan-fee': ['贷款已批，需先交保证金才能放款', '贷款已批，需先交保证金'],
  'loan-offer': ['无抵押贷款，秒批', '无抵押'],
};

describe('red flags', () => {
  it('every red flag has a positive example here', () => {
    expect(Object.keys(POSITIVE).sort()).toEqual(RED_FLAGS.map((f) => f.id).sort());
  });

  it.each(Object.entries(POSITIVE))('%s fires on its example and quotes the exact evidence', (id, [text, evidence]) => {
    const hit = checkMessage(text).redFlags.find((f) => f.id === id);
    expect(hit, `${id} on ${text}`).toBeDefined();
    expect(hit!.evidence).toBe(evidence);
    expect(text.includes(hit!.evidence)).toBe(true);
  });

  it('each flag has labels and explanations in the three languages and a weight in (0, 1)', () => {
    for (const f of RED_FLAGS) {
      for (const t of [f.label, f.explain]) {
        expect(t.zh.length).toBeGreaterThan(0);
        expect(t.zhHant.length).toBeGreaterThan(0);
        expect(t.en).toMatch(/[a-z]/);
      }
      expect(f.weight).toBeGreaterThan(0);
      expect(f.weight).toBeLessThan(1);
    }
  });
});

describe('cancelling contexts', () => {
  const ids = (text: string) => checkMessage(text).redFlags.map((f) => f.id);

  it.each([
    ['沒有手續費', 'pay-first'],
    ['本店购物无需手续费，全国包邮', 'pay-first'],
    ['转账手续费0元', 'pay-first'],
    ['我会尽快还给你', 'urgency'],
    ['借我两百，我马上还你', 'urgency'],
    ['公检法不会让你把钱转到安全账户', 'safe-account'],
    ['保本高收益都是骗人的', 'high-return'],
    ['不出租、不出借银行卡', 'card-rental'],
    ['We will never ask you to move money to a safe account.', 'safe-account'],
    ['No upfront fee is needed.', 'pay-first'],
  ])('「%s」 does not raise %s', (text, id) => {
    expect(ids(text)).not.toContain(id);
  });

  it('a bank one-time code with 請勿告知他人 is not secrecy and not a code request', () => {
    const r = checkMessage('【中國信託】您的驗證碼為 583920，請勿告知他人，以免受騙。');
    expect(r.redFlags.map((f) => f.id)).not.toContain('secrecy');
    expect(r.redFlags.map((f) => f.id)).not.toContain('asks-code');
    expect(r.verdict).toBe('no-signs');
    expect(r.routine).toBe('otp');
  });

  it('secrecy still fires without a one-time-code context', () => {
    expect(ids('这件事请保密，不要告诉任何人')).toContain('secrecy');
  });

  it('the negation must be close: a negation in another clause does not cancel', () => {
    expect(ids('不需要抵押，但要先交保证金')).toContain('pay-first');
  });
});
