import { describe, expect, it } from 'vitest';
import { MASKS, maskText } from '../../src/record/mask.js';

describe('maskText', () => {
  const cases: [string, string[], string[]][] = [
    // [input, must not contain, must contain]
    ['对方打 13812345678 让我转账', ['13812345678'], [MASKS.phone]],
    ['他說他是警察，電話 0912-345-678，要我匯款', ['0912-345-678'], [MASKS.phone]],
    ['香港來電 +852 9123 4567 說我有包裹', ['9123 4567'], [MASKS.phone]],
    ['Call +1 415 555 0100 to unlock your account', ['555 0100'], [MASKS.phone]],
    ['点这个链接 https://icbc-vip.cc/login?id=3 领补贴', ['icbc-vip.cc'], [MASKS.link]],
    ['去 www.taobao-refund.top 退款', ['taobao-refund'], [MASKS.link]],
    ['Visit bit.ly/3xYz now', ['bit.ly/3xYz'], [MASKS.link]],
    ['把钱转到 6222 0000 1111 2222 这个卡', ['6222 0000 1111 2222'], [MASKS.card]],
    ['加我微信号 abc_12345 细聊', ['abc_12345'], [MASKS.account]],
    ['加賴 LINE ID: stock888 領飆股', ['stock888'], [MASKS.account]],
    ['QQ 12345678 联系客服', ['12345678'], [MASKS.account]],
    ['message me on telegram @cryptoKing2024', ['cryptoKing2024'], [MASKS.account]],
    ['email me at li.ming@example.com', ['li.ming@example.com'], [MASKS.email]],
    ['我妈妈王秀英接到电话', ['王秀英'], [MASKS.name]],
    ['我叫李明，刚被骗了三万', ['李明'], [MASKS.name]],
    ['张警官让我配合调查', ['张警官'], [`${MASKS.name}警官`]],
    ['陳大爺被騙了怎麼辦', ['陳大爺'], [`${MASKS.name}大爺`]],
    ['My name is John Smith and I lost money', ['John', 'Smith'], [MASKS.name]],
    ['我女儿小芳被骗了', ['小芳'], [`我女儿${MASKS.name}`]],
    ['我媽媽陳美玲被騙了兩萬', ['陳', '美玲'], [`我媽媽${MASKS.name}`]],
    ['my son Tom got a call from the bank', ['Tom'], [`my son ${MASKS.name}`]],
    ['Officer Brown asked for my code', ['Brown'], [MASKS.name]],
  ];
  it.each(cases)('masks personal data in %s', (input, absent, present) => {
    const out = maskText(input);
    for (const a of absent) expect(out).not.toContain(a);
    for (const p of present) expect(out).toContain(p);
  });

  it('keeps the question itself readable', () => {
    expect(maskText('杀猪盘是什么？')).toBe('杀猪盘是什么？');
    expect(maskText('阿姨被骗了怎么办')).toBe('阿姨被骗了怎么办');
    expect(maskText('我妈妈接到自称警察的电话')).toBe('我妈妈接到自称警察的电话');
    expect(maskText('my mum got a text about a parcel')).toBe('my mum got a text about a parcel');
    expect(maskText('96110打电话给我是真的吗')).toBe('96110打电话给我是真的吗');
    expect(maskText('被骗了3万元能追回来吗')).toBe('被骗了3万元能追回来吗');
    expect(maskText('How do I protect my parents from phone scams?')).toBe(
      'How do I protect my parents from phone scams?',
    );
  });
});
