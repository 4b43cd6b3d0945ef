/**
 * End to end: the real bot, started with the real runner (or webhook server), talking to
 * the telegram-test-api Bot API emulator on loopback through TELEGRAM_API_ROOT's setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/engine.js';
import { createBot } from '../../src/bot/create-bot.js';
import { renderAnswerHtml, splitMessage } from '../../src/bot/render-html.js';
import { type Running, startPolling, startWebhook } from '../../src/bot/start.js';
import { createLogger } from '../../src/log.js';
import { createSourceLookup } from '../../src/retrieval/sources.js';
import { botMessages, type Emulator, freePort, startEmulator, waitFor } from '../helpers/emulator.js';
import { seedEngine } from '../helpers/engine.js';
import { telegramHtmlProblems } from '../helpers/html.js';

const TOKEN = '987654:E2E-token-abcdefghijklmnopqrs';
const logger = createLogger({ level: 'silent', secrets: [TOKEN] });

async function makeBot(server: Emulator) {
  const deps = await seedEngine();
  return createBot({
    token: TOKEN,
    engine: { answer: (q, o) => answer(q, deps, o) },
    sources: createSourceLookup(deps.retriever.index),
    logger,
    apiRoot: server.config.apiURL,
    rateLimitPerMinute: 30,
    retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 },
  });
}

/** The messages the bot sends for `question` in a private chat: the real engine's answer, rendered and split. */
async function expectedParts(question: string): Promise<string[]> {
  const a = await answer(question, await seedEngine(), { maxQuestionChars: 2000, traditionalVariant: 'tw' });
  return splitMessage(renderAnswerHtml(a));
}

/** The message id a bot message replies to (the emulator keeps the raw payload). */
function replyTarget(m: any): number | undefined {
  const p = typeof m.reply_parameters === 'string' ? JSON.parse(m.reply_parameters) : m.reply_parameters;
  return p?.message_id;
}

describe('bot against the Bot API emulator (long polling)', () => {
  let server: Emulator;
  let running: Running;
  let chat = 1000;
  /** Sends a text from a new private chat and waits for `count` bot messages there. */
  async function ask(text: string, opts: { lang?: string; count?: number } = {}) {
    const id = ++chat;
    const client = server.getClient(TOKEN, { userId: id, chatId: id, firstName: 'User' });
    const msg = client.makeMessage(text, {
      from: { id, is_bot: false, first_name: 'User', language_code: opts.lang } as any,
    });
    if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text, { from: msg.from as any }));
    else await client.sendMessage(msg);
    return waitFor(
      () => {
        const m = botMessages(server, id);
        return m.length >= (opts.count ?? 1) && m;
      },
      20_000,
      `reply to ${text.slice(0, 20)}`,
    );
  }

  beforeAll(async () => {
    server = await startEmulator();
    running = await startPolling(await makeBot(server), logger);
  });
  afterAll(async () => {
    await running?.stop(2000);
    await server?.stop();
  });

  it('/start', async () => {
    const [m] = await ask('/start');
    expect(m.text).toContain('反诈助手');
  });

  it('a Chinese question is answered with a citation', async () => {
    const [m] = await ask('什么是杀猪盘？');
    expect(m.parse_mode).toBe('HTML');
    expect(m.text).toContain('[1]');
    expect(m.text).toContain('杀猪盘');
    expect(telegramHtmlProblems(m.text)).toEqual([]);
    expect(m.reply_markup.inline_keyboard.flat().length).toBeGreaterThan(0);
  });

  it('a Traditional question is answered in Traditional', async () => {
    const [m] = await ask('有人自稱警察要我把錢轉到安全帳戶，怎麼辦？', { lang: 'zh-hant' });
    expect(m.text).toContain('詐騙');
    expect(m.text).toContain('來源');
  });

  it('an English question is answered in English', async () => {
    const q = 'Is an online part-time job brushing orders a scam?';
    const parts = await ask(q, { lang: 'en', count: (await expectedParts(q)).length });
    const text = parts.map((m) => m.text).join('\n');
    expect(text).toContain('Sources');
    expect(text).toMatch(/\[1\]/);
    expect(text).not.toContain('来源');
  });

  it('an off-topic question is declined without sources', async () => {
    const [m] = await ask('红烧肉怎么做才好吃');
    expect(m.text).toContain('96110');
    expect(m.text).not.toContain('来源');
    expect(m.reply_markup).toBeUndefined();
  });

  it('HTML in the question does not break the reply', async () => {
    const [m] = await ask('<b>刷单</b> & <script>是诈骗吗</script>');
    expect(telegramHtmlProblems(m.text)).toEqual([]);
    expect(m.text).toContain('刷单');
  });

  it('a 6,000-character message gets an answer on its first part', async () => {
    const [m] = await ask(`网上兼职刷单能赚钱吗？${'我很担心。'.repeat(1200)}`);
    expect(m.text).toContain('前2000个字');
  });

  it("group chatter, other bots' commands and look-alike names are ignored; a mention is answered", async () => {
    const gid = -777;
    const client = server.getClient(TOKEN, { userId: 55, chatId: gid, type: 'group', chatTitle: 'Family' });
    for (const text of [
      '今天晚饭吃什么？',
      '刷单是不是诈骗',
      '/roll 2d6',
      '/start@OtherBot',
      '@TestNameBotX 刷单是不是诈骗',
    ])
      await client.sendMessage(client.makeMessage(text));
    await client.sendMessage(client.makeMessage('@TestNameBot 刷单是不是诈骗'));
    const mentionId = server.storage.userMessages
      .filter((u: any) => Number(u.message.chat.id) === gid)
      .at(-1)!.messageId;
    // Updates of one chat are handled in order (sequentialize), so once the mention is
    // answered every earlier message has been handled: no fixed wait is needed.
    await waitFor(
      () => botMessages(server, gid).some((m) => replyTarget(m) === mentionId),
      15_000,
      'reply to the mention',
    );
    const msgs = botMessages(server, gid);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].text).toContain('刷单');
  });

  it('a source button opens the cited passage', async () => {
    const id = ++chat;
    const client = server.getClient(TOKEN, { userId: id, chatId: id });
    await client.sendMessage(client.makeMessage('什么是杀猪盘？'));
    const [m] = await waitFor(() => botMessages(server, id).length >= 1 && botMessages(server, id));
    const data = m.reply_markup.inline_keyboard.flat()[0].callback_data;
    const title = /\[1\] <b>([^<]+)<\/b>/.exec(m.text)?.[1];
    expect(title).toBeDefined();
    await client.sendCallback(client.makeCallbackQuery(data, { message: { message_id: 1 } as any }));
    const view = await waitFor(() => botMessages(server, id).length >= 2 && botMessages(server, id)[1]);
    expect(view.text).toContain(`<b>${title}</b>`);
  });

  it('a burst of 20 users is answered, each exactly once and in order', async () => {
    const ids = Array.from({ length: 20 }, () => ++chat);
    const questions = [
      '什么是杀猪盘？',
      '网上兼职刷单能赚钱吗',
      'What is a pig butchering scam?',
      '直播间里买原石会被骗吗',
      '明天天气怎么样',
    ];
    // A second question per chat: its answer comes after the first update was completely
    // handled (sequentialize), retries included, so a duplicate of the first would be
    // there by then. No fixed wait: we wait for exactly the messages expected.
    const second = '怎样防范电信网络诈骗？';
    const expected = new Map<number, string[]>();
    for (const [i, id] of ids.entries()) {
      expected.set(id, [...(await expectedParts(questions[i % questions.length])), ...(await expectedParts(second))]);
    }
    await Promise.all(
      ids.map(async (id, i) => {
        const client = server.getClient(TOKEN, { userId: id, chatId: id });
        await client.sendMessage(client.makeMessage(questions[i % questions.length]));
        await client.sendMessage(client.makeMessage(second));
      }),
    );
    await waitFor(
      () => ids.every((id) => botMessages(server, id).length >= (expected.get(id)?.length ?? 0)),
      30_000,
      'all 40 answers',
    );
    for (const id of ids) expect(botMessages(server, id).map((m) => m.text)).toEqual(expected.get(id));
  });
});

describe('webhook mode', () => {
  it('accepts updates with the secret header and rejects those without', async () => {
    const server = await startEmulator();
    const port = await freePort();
    const secret = 'webhook_secret-123';
    const running = await startWebhook(await makeBot(server), logger, {
      url: `http://127.0.0.1:${port}/tg/hook`,
      secret,
      port,
      host: '127.0.0.1',
    });
    try {
      const update = {
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 4242, type: 'private', first_name: 'W' },
          from: { id: 4242, is_bot: false, first_name: 'W' },
          text: '什么是杀猪盘？',
        },
      };
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/tg/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(update),
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).status).toBe(401);
      expect(botMessages(server, 4242)).toHaveLength(0);
      expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': secret })).status).toBe(200);
      const [m] = await waitFor(() => botMessages(server, 4242).length >= 1 && botMessages(server, 4242));
      expect(m.text).toContain('杀猪盘');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await running.stop(1000);
      await server.stop();
    }
  });
});
