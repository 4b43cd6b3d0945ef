import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeInput } from '../../src/check/route.js';

describe('routeInput', () => {
  it.each([
    ['什么是杀猪盘'],
    ['什麼是殺豬盤？'],
    ['What is a pig butchering scam?'],
    ['收到短信说我的航班取消了可以退款，是真的吗？'],
    ['有人说免费送游戏皮肤，是真的吗'],
    ['網路兼職刷單是不是詐騙'],
    ['96110打来的电话是干什么的'],
    ['An investment teacher online promises high returns if I top up on his platform'],
    ['这是诈骗吗？'],
    ['明天天气怎么样'],
    ['杀\u200b猪\u200b盘'],
    ['96110给我打电话是真的吗'],
    ['How do I protect my parents?'],
    ['你好，我想问一下网上兼职刷单能做吗'],
    ['网上贷款说要先交解冻金才能放款，这是什么套路？'],
    ['老爸被拉进一个炒股群，说有老师带着赚钱'],
  ])('question: %s', (text) => {
    expect(routeInput(text)).toEqual({ kind: 'question' });
  });

  it.each([
    [
      '这条短信是诈骗吗？【中国银行】您的验证码是482913，5分钟内有效。',
      '【中国银行】您的验证码是482913，5分钟内有效。',
    ],
    ['這是詐騙嗎？您的包裹地址不詳，請點擊 https://x.top 更新', '您的包裹地址不詳，請點擊 https://x.top 更新'],
    [
      'is this a scam: Your parcel is on hold, pay $1.99 at http://usps-x.top',
      'Your parcel is on hold, pay $1.99 at http://usps-x.top',
    ],
    ['Is this a scam? Hi mum, this is my new number', 'Hi mum, this is my new number'],
    ['收到短信：您好，我是公安局民警，请将资金转入安全账户。', '您好，我是公安局民警，请将资金转入安全账户。'],
    ['帮我看看这条信息：恭喜您中奖了，请加微信领取', '恭喜您中奖了，请加微信领取'],
    [
      '【通知】您的航班CA1234因故取消，请点击链接 http://t.cn/x 办理退改签。这是诈骗吗？',
      '【通知】您的航班CA1234因故取消，请点击链接 http://t.cn/x 办理退改签',
    ],
    ['“您的ETC已失效，请点击 http://etc-x.top 认证”这个是真的吗', '您的ETC已失效，请点击 http://etc-x.top 认证'],
  ])('asked about a message: %s', (text, message) => {
    expect(routeInput(text)).toEqual({ kind: 'message', message });
  });

  it.each([
    ['您好，我是快手客服，您之前误开通了会员，如果不取消每月将扣费500元'],
    ['機構主力聯合操盤，佈局明日漲停 免費領取請添加line'],
    ['【古琴艺术学校】暑期课程报名中，回T退订'],
    ['Dear customer, your account has been suspended. Verify at http://x.co'],
    ['张三：在吗\n李四：在\n张三：借我点钱'],
    ['URGENT: your package is on hold. Reply STOP to opt out'],
  ])('a received message as pasted: %s', (text) => {
    expect(routeInput(text)).toEqual({ kind: 'message', message: text });
  });

  it.each([
    ['妈，我到学校了，晚上给你打电话'],
    ['老师好，孩子这周的作业已经交了，谢谢'],
    ['王总，合同我已经发你邮箱了'],
    ['媽，我到學校了，晚上給你打電話'],
    ['Hi Mum, I got home safe, call you later'],
    ['我到家了，你早点休息'],
    ["I'm at the station, will call you when I arrive"],
  ])('an ordinary pasted chat (addressed to someone, or a first-person line to them): %s', (text) => {
    expect(routeInput(text)).toEqual({ kind: 'message', message: text });
  });

  it.each([
    ['老师，什么是杀猪盘'],
    ['我被骗了怎么办'],
    ['我妈收到一条短信说医保卡冻结了'],
    ['我儿子说你们能帮忙查一下'],
    ['Hi, how do I report a scam?'],
    ['I think my mum is being scammed, can you help?'],
    ['I have a question for you'],
    ['我有个问题想请你帮忙'],
  ])('a question that opens with an address or "I" stays a question: %s', (text) => {
    expect(routeInput(text)).toEqual({ kind: 'question' });
  });

  it('the golden questions stay questions except the two pasted messages', () => {
    const golden = JSON.parse(readFileSync('tests/eval/golden.json', 'utf8')) as {
      items: { q: string; category: string }[];
    };
    for (const item of golden.items) {
      const route = routeInput(item.q);
      if (item.category === 'check') expect(route.kind, item.q).toBe('message');
      else expect(route.kind, item.q).toBe('question');
    }
  });

  it.each([
    ['tests/eval/check-dev.json'],
    ['tests/eval/check-heldout.json'],
    ['tests/check/fixtures/own-messages.json'],
    ['tests/check/fixtures/own-messages-2.json'],
    ['tests/check/fixtures/own-messages-3.json'],
    ['tests/check/fixtures/own-messages-4.json'],
    ['tests/check/fixtures/own-messages-5.json'],
    ['tests/check/fixtures/own-messages-6.json'],
  ])('every scam message of %s is routed to the checker, pasted or asked about', (path) => {
    const set = JSON.parse(readFileSync(path, 'utf8')) as { items: { text: string; label: string }[] };
    const scams = set.items.filter((i) => i.label === 'scam');
    expect(scams.filter((i) => routeInput(i.text).kind !== 'message').map((i) => i.text)).toEqual([]);
    expect(
      scams.filter((i) => routeInput(`这条短信是诈骗吗？${i.text}`).kind !== 'message').map((i) => i.text),
    ).toEqual([]);
    expect(scams.filter((i) => routeInput(`Is this a scam? ${i.text}`).kind !== 'message').map((i) => i.text)).toEqual(
      [],
    );
  });
});
