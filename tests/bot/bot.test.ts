/**
 * Bot unit tests: the real bot (middlewares, features, rendering) with its outgoing API
 * calls captured and a FAKE engine (tests/helpers/fake-engine.ts), so they check what the
 * bot does with an answer, never what retrieval finds. tests/bot/e2e.test.ts runs the
 * real engine through the Bot API emulator.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { ALLOWED_UPDATES, type BotDeps } from '../../src/bot/create-bot.js';
import { commandTarget, isOwnCommand, mentionsExactly } from '../../src/bot/middlewares/group-filter.js';
import { splitMessage, TELEGRAM_LIMIT } from '../../src/bot/render-html.js';
import { SCAM_TYPES } from '../../src/knowledge/scam-types.js';
import { BOT_INFO, callbackUpdate, messageUpdate, TOKEN, testBot, textUpdate } from '../helpers/bot.js';
import { FAKE_DECLINE, FAKE_PASSAGE_ID, fakeAnswer, fakeEngine, fakeSources } from '../helpers/fake-engine.js';
import { telegramHtmlProblems } from '../helpers/html.js';

function fakeBot(extra: Partial<BotDeps> = {}, logLevel?: string, fail?: Parameters<typeof testBot>[2]) {
  const { engine, calls: asked } = fakeEngine();
  return { ...testBot({ engine, sources: fakeSources, ...extra }, logLevel, fail), asked };
}

describe('commands', () => {
  it("/start welcomes in the user's language with example buttons", async () => {
    const { bot, sent, asked } = fakeBot();
    await bot.handleUpdate(textUpdate('/start'));
    await bot.handleUpdate(textUpdate('/start', { lang: 'en' }));
    await bot.handleUpdate(textUpdate('/start', { lang: 'zh-TW' }));
    const [zh, en, hant] = sent();
    expect(zh.text).toContain('反诈助手');
    expect(zh.reply_markup.keyboard.flat().map((b: any) => b.text)).toContain('什么是杀猪盘？');
    expect(en.text).toContain('Anti-Fraud Assistant');
    expect(hant.text).toContain('反詐助手');
    for (const m of [zh, en, hant]) expect(telegramHtmlProblems(m.text)).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('/types lists every scam type as a button that asks its example question', async () => {
    const { bot, sent, asked } = fakeBot();
    await bot.handleUpdate(textUpdate('/types'));
    const buttons = sent()[0].reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: any) => b.callback_data)).toEqual(SCAM_TYPES.map((t) => `t:${t.id}`));
    expect(buttons.map((b: any) => b.text)).toContain('杀猪盘/网络交友');
    await bot.handleUpdate(callbackUpdate('t:romance'));
    const romance = SCAM_TYPES.find((t) => t.id === 'romance')!;
    expect(asked.map((c) => c.text)).toEqual([romance.exampleQuestion]);
    expect(sent()[1].text).toContain(`回答：${romance.exampleQuestion}`);
    await bot.handleUpdate(callbackUpdate('t:romance', 'en'));
    expect(asked[1].text).toContain(romance.nameEn);
  });

  it("/tips asks the engine for tips in the user's language; /help explains use", async () => {
    const { bot, sent, asked } = fakeBot();
    await bot.handleUpdate(textUpdate('/tips', { lang: 'en' }));
    expect(asked[0].opts.language).toBe('en');
    expect(asked[0].text).toMatch(/protect/i);
    expect(sent()[0].text).toContain(asked[0].text);
    await bot.handleUpdate(textUpdate('/help', { lang: 'en' }));
    expect(sent()[1].text).toContain('/types');
    expect(asked).toHaveLength(1);
  });
});

describe('questions', () => {
  it("sends the engine's answer as HTML with a sources section and source buttons", async () => {
    const { bot, sent, asked } = fakeBot({ maxQuestionChars: 1234 });
    await bot.handleUpdate(textUpdate('什么是杀猪盘？', { lang: 'zh-HK' }));
    expect(asked).toEqual([
      { kind: 'answer', text: '什么是杀猪盘？', opts: { maxQuestionChars: 1234, traditionalVariant: 'hk' } },
    ]);
    const m = sent()[0];
    expect(m.parse_mode).toBe('HTML');
    expect(m.text).toContain('回答：什么是杀猪盘？ [1]');
    expect(m.text).toContain('<b>来源</b>');
    expect(telegramHtmlProblems(m.text)).toEqual([]);
    const buttons = m.reply_markup.inline_keyboard.flat();
    expect(buttons[0].callback_data).toBe(`p:${FAKE_PASSAGE_ID}:s`);
    expect(Buffer.byteLength(buttons[0].callback_data)).toBeLessThanOrEqual(64);
  });

  it('a source button shows the passage in its paragraph, with the article title', async () => {
    const { bot, sent, calls } = fakeBot();
    await bot.handleUpdate(textUpdate('什么是杀猪盘？'));
    const data = sent()[0].reply_markup.inline_keyboard.flat()[0].callback_data;
    await bot.handleUpdate(callbackUpdate(data));
    const view = sent()[1].text;
    expect(view).toContain('全民攻坚凝聚反电诈合力');
    expect(view).toContain('<b>杀猪盘是一种网络交友诈骗</b>');
    expect(telegramHtmlProblems(view)).toEqual([]);
    expect(calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });

  it('stale or tampered buttons get a polite notice, not an error', async () => {
    const { bot, calls, sent } = fakeBot();
    for (const data of ['p:0000000000000000:s', 'p:<script>', 't:no-such-type', 'garbage'])
      await bot.handleUpdate(callbackUpdate(data));
    const notices = calls.filter((c) => c.method === 'answerCallbackQuery');
    expect(notices).toHaveLength(4);
    for (const n of notices) expect(n.payload.text).toMatch(/找不到|重新提问/);
    expect(sent()).toEqual([]);
  });

  it('renders Traditional answers with Traditional headings and buttons that open Traditional sources', async () => {
    const { bot, sent } = fakeBot();
    await bot.handleUpdate(textUpdate('什麼是殺豬盤？', { lang: 'zh-hant' }));
    expect(sent()[0].text).toContain('來源');
    const data = sent()[0].reply_markup.inline_keyboard.flat()[0].callback_data;
    expect(data).toMatch(/:t$/);
    await bot.handleUpdate(callbackUpdate(data));
    expect(sent()[1].text).toContain('殺豬盤');
  });

  it('sends a decline as plain text, without sources or buttons', async () => {
    const { bot, sent } = fakeBot();
    await bot.handleUpdate(textUpdate('明天天气怎么样'));
    expect(sent()[0].text).toBe(FAKE_DECLINE);
    expect(sent()[0].reply_markup).toBeUndefined();
  });

  it('escapes HTML in what it sends', async () => {
    const fake = async (q: string): Promise<Answer> => ({
      ...fakeAnswer(q),
      sections: [{ kind: 'facts', heading: '要点', lines: [{ text: '<script>alert(1)</script> & <b>', cites: [1] }] }],
      citations: [
        {
          n: 1,
          source: 'a.txt',
          title: 'A & <B>',
          text: '引文 <i>',
          score: 1,
          passageId: FAKE_PASSAGE_ID,
          paragraphIndex: 0,
          kind: 'news',
        },
      ],
    });
    const { bot, sent } = testBot({ engine: fakeEngine(fake).engine, sources: fakeSources });
    await bot.handleUpdate(textUpdate('<b>刷单</b>是诈骗吗'));
    const text = sent()[0].text;
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(text).toContain('A &amp; &lt;B&gt;');
    expect(telegramHtmlProblems(text)).toEqual([]);
  });

  it('splits answers longer than 4096 characters on paragraph boundaries, buttons on the last part', async () => {
    const fake = async (q: string): Promise<Answer> => ({
      ...fakeAnswer(q),
      sections: Array.from({ length: 30 }, (_, i) => ({
        kind: 'facts' as const,
        heading: `第${i}节`,
        lines: [{ text: `${'很长的句子&<>。'.repeat(40)}`, cites: [1] }],
      })),
    });
    const { bot, sent } = testBot({ engine: fakeEngine(fake).engine, sources: fakeSources });
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

  it('passes long messages whole with the length limit, and shows the truncation notice', async () => {
    const { bot, sent, asked } = fakeBot();
    const long = `网上兼职刷单能赚钱吗？${'我很担心。'.repeat(1200)}`;
    await bot.handleUpdate(textUpdate(long));
    expect(asked[0].text).toBe(long);
    expect(asked[0].opts.maxQuestionChars).toBe(2000);
    expect(sent()[0].text).toContain('前2000个字');
  });
});

describe('chats and message kinds', () => {
  it('in groups answers only its commands, exact mentions and replies to the bot', async () => {
    const { bot, sent, asked } = fakeBot();
    const group = { chatType: 'group' as const };
    await bot.handleUpdate(textUpdate('今天中午吃什么', group));
    await bot.handleUpdate(textUpdate('刷单是诈骗吗', { chatType: 'supergroup' }));
    await bot.handleUpdate(textUpdate('/start@other_bot', group));
    await bot.handleUpdate(textUpdate('/roll 2d6', group)); // another bot's command
    await bot.handleUpdate(textUpdate('/usr/bin/node 跑不起来', group)); // a file path
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username}x 刷单是诈骗吗`, group)); // a longer name
    await bot.handleUpdate(textUpdate(`请问@${BOT_INFO.username}_2 刷单是诈骗吗`, group));
    expect(sent()).toEqual([]);
    expect(asked).toEqual([]);
    await bot.handleUpdate(textUpdate(`@${BOT_INFO.username} 网上兼职刷单能赚钱吗`, group));
    await bot.handleUpdate(textUpdate('什么是杀猪盘', { ...group, replyToBot: true }));
    await bot.handleUpdate(textUpdate('/help', group));
    await bot.handleUpdate(textUpdate(`/help@${BOT_INFO.username.toUpperCase()}`, group));
    await bot.handleUpdate(textUpdate(`/unknown@${BOT_INFO.username}`, group));
    expect(asked.map((c) => c.text)).toEqual(['网上兼职刷单能赚钱吗', '什么是杀猪盘']);
    expect(sent()).toHaveLength(5);
    expect(sent()[0].reply_parameters?.message_id).toBeDefined();
    for (const m of sent().slice(2)) expect(m.text).toContain('/types');
  });

  it('in private chats an unknown command gets the help text', async () => {
    const { bot, sent, asked } = fakeBot();
    await bot.handleUpdate(textUpdate('/foo'));
    await bot.handleUpdate(textUpdate('/foo@other_bot'));
    expect(sent()).toHaveLength(1);
    expect(sent()[0].text).toContain('/types');
    expect(asked).toEqual([]);
  });

  it('group filter rules', () => {
    expect(commandTarget('/help')).toBe('');
    expect(commandTarget('/help@Bot extra')).toBe('Bot');
    expect(commandTarget('/usr/bin')).toBeUndefined();
    expect(commandTarget('/ 3')).toBeUndefined();
    expect(isOwnCommand('/help@FANZHA_test_bot', 'fanzha_test_bot')).toBe(true);
    expect(isOwnCommand('/help@other_bot', 'fanzha_test_bot')).toBe(false);
    expect(mentionsExactly('hi @TestNameBot!', 'TestNameBot')).toBe(true);
    expect(mentionsExactly('hi @TestNameBotX', 'TestNameBot')).toBe(false);
    expect(mentionsExactly('mail a@TestNameBot', 'TestNameBot')).toBe(false);
    expect(mentionsExactly('@x @TestNameBot', 'TestNameBot', [{ type: 'mention', offset: 3, length: 12 }])).toBe(true);
  });

  it('gives a hint for stickers and voice; sends a caption that is the message typed out to the engine', async () => {
    const { bot, sent, asked } = fakeBot();
    await bot.handleUpdate(
      messageUpdate({
        sticker: {
          file_id: 'x',
          file_unique_id: 'x',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      }),
    );
    await bot.handleUpdate(messageUpdate({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }));
    await bot.handleUpdate(messageUpdate({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }));
    // The message typed out under its screenshot: checked as text (a caption asking about
    // the image, such as 这条短信是诈骗吗, reads the image instead: tests/check/bot-check.test.ts).
    const caption = '【ETC服务】您的ETC卡已失效，请点击 http://etc-x.cc 重新认证';
    await bot.handleUpdate(
      messageUpdate({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption }),
    );
    const s = sent();
    expect(s.slice(0, 3).every((m) => m.text.includes('文字'))).toBe(true);
    expect(asked.map((c) => c.text)).toEqual([caption]);
    expect(s[3].text).toContain(`回答：${caption}`);
  });

  it('does not ask Telegram for edits; ignores edited messages and channel posts without error', async () => {
    expect(ALLOWED_UPDATES).not.toContain('edited_message');
    const { bot, calls } = fakeBot();
    const edited = textUpdate('什么是杀猪盘') as any;
    await bot.handleUpdate({ update_id: 99_001, edited_message: { ...edited.message, edit_date: 1 } } as any);
    await bot.handleUpdate({
      update_id: 99_002,
      channel_post: { message_id: 1, date: 0, chat: { id: -5, type: 'channel', title: 'c' }, text: '刷单' },
    } as any);
    expect(calls).toEqual([]);
  });
});

describe('robustness', () => {
  it('rate-limits each user with one polite notice per window', async () => {
    const { bot, sent, asked } = fakeBot({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate('网上兼职刷单能赚钱吗', { userId: 501 }));
    await bot.handleUpdate(textUpdate('网上兼职刷单能赚钱吗', { userId: 502 }));
    expect(asked).toHaveLength(4); // 3 for user 501, 1 for 502
    const texts = sent().map((m) => m.text as string);
    expect(texts.filter((t) => t.includes('回答：')).length).toBe(4);
    expect(texts.filter((t) => t.includes('稍等一分钟')).length).toBe(1);
  });

  it('answers even when sendChatAction fails', async () => {
    const { bot, sent } = fakeBot({}, 'debug', {
      sendChatAction: { error_code: 400, description: 'Bad Request: method not supported' },
    });
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    expect(sent()[0].text).toContain('回答：什么是杀猪盘');
  });

  it('falls back to plain text when Telegram cannot parse the HTML', async () => {
    const { bot, calls } = fakeBot({}, 'debug', {
      sendMessage: { error_code: 400, description: "Bad Request: can't parse entities: unexpected end tag" },
    });
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends[0].payload.parse_mode).toBe('HTML');
    expect(sends[1].payload.parse_mode).toBeUndefined();
    expect(sends[1].payload.text).not.toMatch(/<\/?b>/);
    expect(sends[1].payload.text).toContain('回答：什么是杀猪盘');
  });

  it('apologises when answering fails, keeps running, and never logs the token or the question', async () => {
    let fail = true;
    const flaky = async (q: string, o: any) => {
      if (fail) throw new Error(`upstream failed at https://api.telegram.org/bot${TOKEN}/sendMessage`);
      return fakeAnswer(q, o);
    };
    const { bot, sent, logs } = testBot({ engine: fakeEngine(flaky).engine, sources: fakeSources }, 'info');
    await bot.handleUpdate(textUpdate('我的银行卡号是6222020000000000，安全吗'));
    expect(sent()[0].text).toContain('抱歉');
    fail = false;
    await bot.handleUpdate(textUpdate('什么是杀猪盘'));
    expect(sent()[1].text).toContain('回答：什么是杀猪盘');
    const all = logs.join('');
    expect(all).toContain('handler failed');
    expect(all).toContain('<redacted>');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('6222020000000000');
  });
});
