import { describe, expect, it } from 'vitest';
import { answer as realAnswer } from '../../src/answer/engine.js';
import type { Answer } from '../../src/answer/types.js';
import { createSourceLookup } from '../../src/retrieval/sources.js';
import { splitMessage, TELEGRAM_LIMIT } from '../../src/bot/render-html.js';
import { BOT_INFO, callbackUpdate, messageUpdate, testBot, textUpdate, TOKEN } from '../helpers/bot.js';
import { seedEngine } from '../helpers/engine.js';
import { telegramHtmlProblems } from '../helpers/html.js';

async function realDeps() {
  const deps = await seedEngine();
  return { answer: (q: string, o: any) => realAnswer(q, deps, o), sources: createSourceLookup(deps.retriever.index) };
}

describe('commands', () => {
  it('/start welcomes in the user\'s language with example buttons', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('/start'));
    await bot.handleUpdate(textUpdate('/start', { lang: 'en' }));
    await bot.handleUpdate(textUpdate('/start', { lang: 'zh-TW' }));
    const [zh, en, hant] = sent();
    expect(zh.text).toContain('反诈助手');
    expect(zh.reply_markup.keyboard.flat().map((b: any) => b.text)).toContain('什么是杀猪盘？');
    expect(en.text).toContain('Anti-Fraud Assistant');
    expect(hant.text).toContain('反詐助手');
    for (const m of [zh, en, hant]) expect(telegramHtmlProblems(m.text)).toEqual([]);
  });

  it('/types lists the scam types as buttons that ask about each', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('/types'));
    const buttons = sent()[0].reply_markup.inline_keyboard.flat();
    expect(buttons.length).toBe(12);
    expect(buttons.map((b: any) => b.text)).toContain('杀猪盘/网络交友');
    await bot.handleUpdate(callbackUpdate('t:romance'));
    expect(sent()[1].text).toContain('杀猪盘');
    expect(sent()[1].text).toContain('[1]');
  });

  it('/tips gives safety tips with citations, /help explains use', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('/tips'));
    expect(sent()[0].text).toContain('防范提醒');
    expect(sent()[0].text).toMatch(/\[1\]/);
    await bot.handleUpdate(textUpdate('/help', { lang: 'en' }));
    expect(sent()[1].text).toContain('/types');
  });
});

describe('questions', () => {
  it('answers with HTML, numbered citations, a sources section and source buttons', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('什么是杀猪盘？'));
    const m = sent()[0];
    expect(m.parse_mode).toBe('HTML');
    expect(m.text).toContain('杀猪盘');
    expect(m.text).toContain('<b>来源</b>');
    expect(telegramHtmlProblems(m.text)).toEqual([]);
    const buttons = m.reply_markup.inline_keyboard.flat();
    expect(buttons[0].callback_data).toMatch(/^p:[0-9a-f]{16}:s$/);
    expect(Buffer.byteLength(buttons[0].callback_data)).toBeLessThanOrEqual(64);
  });

  it('a source button shows the passage in its paragraph, with the article title', async () => {
    const { bot, sent, calls } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('什么是杀猪盘？'));
    const data = sent()[0].reply_markup.inline_keyboard.flat()[0].callback_data;
    await bot.handleUpdate(callbackUpdate(data));
    const view = sent()[1].text;
    expect(view).toContain('全民攻坚凝聚反电诈合力');
    expect(view).toMatch(/<b>[^<]*杀猪盘[^<]*<\/b>/);
    expect(telegramHtmlProblems(view)).toEqual([]);
    expect(calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });

  it('stale or tampered buttons get a polite notice, not an error', async () => {
    const { bot, calls, sent } = testBot(await realDeps());
    for (const data of ['p:0000000000000000:s', 'p:<script>', 't:no-such-type', 'garbage']) await bot.handleUpdate(callbackUpdate(data));
    const notices = calls.filter((c) => c.method === 'answerCallbackQuery');
    expect(notices).toHaveLength(4);
    for (const n of notices) expect(n.payload.text).toMatch(/找不到|重新提问/);
    expect(sent()).toEqual([]);
  });

  it('answers Traditional in Traditional and English in English', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('什麼是殺豬盤？', { lang: 'zh-hant' }));
    await bot.handleUpdate(textUpdate('What is a pig butchering scam?', { lang: 'en' }));
    expect(sent()[0].text).toContain('殺豬盤');
    expect(sent()[0].text).toContain('來源');
    expect(sent()[0].reply_markup.inline_keyboard.flat()[0].callback_data).toMatch(/:t$/);
    expect(sent()[1].text).toContain('How to protect yourself');
  });

  it('declines off-topic questions without sources or buttons', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('明天天气怎么样'));
    expect(sent()[0].text).toContain('96110');
    expect(sent()[0].text).not.toContain('来源');
    expect(sent()[0].reply_markup).toBeUndefined();
  });

  it('escapes HTML in what it sends', async () => {
    const fake = async (q: string): Promise<Answer> => ({
      question: q, language: 'zh-Hans', inScope: true, scamTypes: [], truncated: false, ms: 1, mode: 'extractive', text: q,
      sections: [{ kind: 'facts', heading: '要点', lines: [{ text: '<script>alert(1)</script> & <b>', cites: [1] }] }],
      citations: [{ n: 1, source: 'a.txt', title: 'A & <B>', text: '引文 <i>', score: 1, passageId: '0123456789abcdef', paragraphIndex: 0 }],
    });
    const { bot, sent } = testBot({ answer: fake, sources: { view: () => undefined } });
    await bot.handleUpdate(textUpdate('<b>刷单</b>是诈骗吗'));
    const text = sent()[0].text;
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(text).toContain('A &amp; &lt;B&gt;');
    expect(telegramHtmlProblems(text)).toEqual([]);
  });

  it('splits answers longer than 4096 characters on paragraph boundaries, buttons on the last part', async () => {
    const fake = async (q: string): Promise<Answer> => ({
      question: q, language: 'zh-Hans', inScope: true, scamTypes: [], truncated: false, ms: 1, mode: 'extractive', text: q,
      sections: Array.from({ length: 30 }, (_, i) => ({ kind: 'facts' as const, heading: `第${i}节`, lines: [{ text: `${'很长的句子&<>。'.repeat(40)}`, cites: [1] }] })),
      citations: [{ n: 1, source: 'a.txt', title: 'T', text: '引文', score: 1, passageId: '0123456789abcdef', paragraphIndex: 0 }],
    });
    const { bot, sent } = testBot({ answer: fake, sources: { view: () => undefined } });
    await bot.handleUpdate(textUpdate('问题'));
    const parts = sent();
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      expect(telegramHtmlProblems(p.text)).toEqual([]);
    }
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1).reply_markup).toBeDefined();
  });

  it('splitMessage cuts even a single huge line without breaking entities', () => {
    const parts = splitMessage('&amp;'.repeat(3000), 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(telegramHtmlProblems(p)).toEqual([]);
    }
  });

  it('answers a 6,000-character message on its first part, with a notice', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate(`网上兼职刷单能赚钱吗？${'我很担心。'.repeat(1200)}`));
    expect(sent()[0].text).toContain('前2000个字');
    expect(sent()[0].text).toContain('刷单');
  });
});

describe('chats and message kinds', () => {
  it('in groups answers only commands, mentions and replies to the bot', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(textUpdate('今天中午吃什么', { chatType: 'group' }));
    await bot.handleUpdate(textUpdate('刷单是诈骗吗', { chatType: 'supergroup' }));
    await bot.handleUpdate(textUpdate('/start@other_bot', { chatType: 'group' }));
    expect(sent()).toEqual([]);
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} 网上兼职刷单能赚钱吗`, { chatType: 'group' }));
    await bot.handleUpdate(textUpdate('什么是杀猪盘', { chatType: 'group', replyToBot: true }));
    await bot.handleUpdate(textUpdate('/help', { chatType: 'group' }));
    expect(sent()).toHaveLength(3);
    expect(sent()[0].text).toContain('刷单');
    expect(sent()[0].reply_parameters?.message_id).toBeDefined();
    expect(sent()[1].text).toContain('杀猪盘');
  });

  it('gives a hint for stickers, voice and photos without caption; answers captions', async () => {
    const { bot, sent } = testBot(await realDeps());
    await bot.handleUpdate(messageUpdate({ sticker: { file_id: 'x', file_unique_id: 'x', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }));
    await bot.handleUpdate(messageUpdate({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }));
    await bot.handleUpdate(messageUpdate({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }));
    await bot.handleUpdate(messageUpdate({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: '这条短信说我中奖了要先交手续费，是诈骗吗' }));
    const s = sent();
    expect(s.slice(0, 3).every((m) => m.text.includes('文字'))).toBe(true);
    expect(s[3].text).toMatch(/\[1\]|96110/);
  });

  it('ignores edited messages and channel posts without error', async () => {
    const { bot, calls } = testBot(await realDeps());
    const edited = textUpdate('什么是杀猪盘') as any;
    await bot.handleUpdate({ update_id: 99_001, edited_message: { ...edited.message, edit_date: 1 } } as any);
    await bot.handleUpdate({ update_id: 99_002, channel_post: { message_id: 1, date: 0, chat: { id: -5, type: 'channel', title: 'c' }, text: '刷单' } } as any);
    expect(calls).toEqual([]);
  });
});

describe('robustness', () => {
  it('rate-limits each user with one polite notice per window', async () => {
    const { bot, sent } = testBot({ ...(await realDeps()), rateLimitPerMinute: 3 });
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate('网上兼职刷单能赚钱吗', { userId: 501 }));
    await bot.handleUpdate(textUpdate('网上兼职刷单能赚钱吗', { userId: 502 }));
    const texts = sent().map((m) => m.text as string);
    expect(texts.filter((t) => t.includes('刷单')).length).toBe(4); // 3 for user 501, 1 for 502
    expect(texts.filter((t) => t.includes('稍等一分钟')).length).toBe(1);
  });

  it('answers even when sendChatAction fails', async () => {
    const { bot, sent } = testBot(await realDeps(), 'debug', { sendChatAction: { error_code: 400, description: 'Bad Request: method not supported' } });
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    expect(sent()[0].text).toContain('杀猪盘');
  });

  it('falls back to plain text when Telegram cannot parse the HTML', async () => {
    const { bot, calls } = testBot(await realDeps(), 'debug', { sendMessage: { error_code: 400, description: "Bad Request: can't parse entities: unexpected end tag" } });
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends[0].payload.parse_mode).toBe('HTML');
    expect(sends[1].payload.parse_mode).toBeUndefined();
    expect(sends[1].payload.text).not.toMatch(/<\/?b>/);
    expect(sends[1].payload.text).toContain('杀猪盘');
  });

  it('apologises when answering fails, keeps running, and never logs the token or the question', async () => {
    let fail = true;
    const deps = await realDeps();
    const flaky = async (q: string, o: any) => {
      if (fail) throw new Error(`upstream failed at https://api.telegram.org/bot${TOKEN}/sendMessage`);
      return deps.answer(q, o);
    };
    const { bot, sent, logs } = testBot({ answer: flaky, sources: deps.sources }, 'info');
    await bot.handleUpdate(textUpdate('我的银行卡号是6222020000000000，安全吗'));
    expect(sent()[0].text).toContain('抱歉');
    fail = false;
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    expect(sent()[1].text).toContain('杀猪盘');
    const all = logs.join('');
    expect(all).toContain('handler failed');
    expect(all).toContain('<redacted>');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('6222020000000000');
  });
});
