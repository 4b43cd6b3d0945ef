/**
 * The bot's check feature (src/bot/features/check.ts) with the real checker inside a
 * small engine double: forwarded messages, /check on a reply or an argument, photos read by
 * a fake OCR from a file served on localhost (no network, no tesseract here; the OCR
 * itself is tested in tests/check/ocr.test.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerOptions } from '../../src/answer/engine.js';
import type { Answer } from '../../src/answer/types.js';
import { createBot } from '../../src/bot/create-bot.js';
import type { BotEngine } from '../../src/bot/deps.js';
import { askFeature } from '../../src/bot/features/ask.js';
import { createCheckFeature, MAX_SHOWN_OCR_CHARS, type Recognize } from '../../src/bot/features/check.js';
import { nonTextFeature } from '../../src/bot/features/non-text.js';
import { checkMessage } from '../../src/check/checker.js';
import { verdictLine } from '../../src/check/format.js';
import type { CheckInput } from '../../src/check/types.js';
import { createLogger } from '../../src/log.js';
import { BOT_INFO } from '../helpers/bot.js';

const TOKEN = '123456789:AAFakeTokenForCheckTests_abcdefg';
const SCAM = '您好，我是淘宝客服，您的快递丢失了，我们给您双倍理赔，请加微信 kefu_8899 处理，并提供收到的验证码。';

// An engine double that runs the real checker and renders its verdict line as the answer.
function checkingEngine() {
  const calls: { kind: 'answer' | 'check'; text: string; input?: CheckInput }[] = [];
  const toAnswer = (text: string, input?: CheckInput): Answer => {
    const check = checkMessage(input ?? text);
    return {
      question: text,
      language: 'zh-Hans',
      inScope: true,
      scamTypes: check.scamType ? [check.scamType] : [],
      intent: 'check-message',
      verdict: check.verdict,
      check,
      sections: [{ kind: 'verdict', heading: '', lines: [{ text: verdictLine(check), cites: [] }] }],
      citations: [],
      text: verdictLine(check),
      mode: 'extractive',
      truncated: false,
      ms: 1,
    } as unknown as Answer;
  };
  const engine: BotEngine = {
    async answer(text: string, _opts: AnswerOptions) {
      calls.push({ kind: 'answer', text });
      return toAnswer(text);
    },
    async check(input: CheckInput, _opts: AnswerOptions) {
      calls.push({ kind: 'check', text: input.text, input });
      return toAnswer(input.text, input);
    },
  };
  return { engine, calls };
}

let server: Server;
let apiRoot = '';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === `/file/bot${TOKEN}/photos/shot.png`) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup(recognizeText = SCAM) {
  const { engine, calls } = checkingEngine();
  const api: { method: string; payload: any }[] = [];
  const images: Buffer[] = [];
  const recognize: Recognize = async (image) => {
    images.push(image);
    return { text: recognizeText, confidence: 0.9, ms: 5 };
  };
  const capture: Transformer = async (_prev, method, payload) => {
    api.push({ method, payload });
    if (method === 'getFile')
      return {
        ok: true,
        result: {
          file_id: (payload as any).file_id,
          file_unique_id: 'u',
          file_size: PNG.length,
          file_path: 'photos/shot.png',
        },
      } as any;
    if (method === 'sendMessage')
      return {
        ok: true,
        result: { message_id: 1, date: 0, chat: { id: 7, type: 'private' }, text: (payload as any).text },
      } as any;
    return { ok: true, result: true } as any;
  };
  const bot = createBot({
    token: TOKEN,
    botInfo: BOT_INFO,
    apiRoot,
    engine,
    sources: { view: () => undefined },
    logger: createLogger({ level: 'silent' }),
    retry: { maxRetryAttempts: 1, maxDelaySeconds: 1 },
    apiTransformer: capture,
    features: [createCheckFeature({ recognize }), askFeature, nonTextFeature],
  });
  const sent = () => api.filter((c) => c.method === 'sendMessage').map((c) => c.payload);
  return { bot, calls, sent, images };
}

let id = 1;
const from = { id: 7, is_bot: false, first_name: 'Li', language_code: 'zh-CN' };
const chat = { id: 7, type: 'private' as const, first_name: 'Li' };
function update(message: Record<string, unknown>): Update {
  id++;
  return { update_id: id, message: { message_id: id, date: 0, chat, from, ...message } } as unknown as Update;
}

describe('bot check feature', () => {
  it('a forwarded message is always checked, with who it came from', async () => {
    const { bot, calls, sent } = setup();
    await bot.handleUpdate(
      update({ text: SCAM, forward_origin: { type: 'hidden_user', date: 0, sender_user_name: '客服小王' } }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].kind).toBe('check');
    expect(calls[0].input).toMatchObject({ text: SCAM, forwarded: true, forwardedFrom: '客服小王' });
    // The reply carries the engine's verdict line with its level mark.
    expect(sent()[0].text).toContain(verdictLine(checkMessage(SCAM)));
    expect(verdictLine(checkMessage(SCAM))).toMatch(/^🔴/u);
  });

  it('even a short forwarded message is checked, not answered as a question', async () => {
    const { bot, calls } = setup();
    await bot.handleUpdate(
      update({
        text: '在吗',
        forward_origin: { type: 'user', date: 0, sender_user: { id: 9, is_bot: false, first_name: '王' } },
      }),
    );
    expect(calls.map((c) => c.kind)).toEqual(['check']);
  });

  it('/check on a reply checks the replied-to message', async () => {
    const { bot, calls } = setup();
    await bot.handleUpdate(
      update({
        text: '/check',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        reply_to_message: { message_id: 3, date: 0, chat, from: { id: 9, is_bot: false, first_name: 'X' }, text: SCAM },
      }),
    );
    expect(calls).toEqual([
      { kind: 'check', text: SCAM, input: { text: SCAM, forwarded: false, forwardedFrom: undefined } },
    ]);
  });

  it('/check with an argument checks the argument; without anything it explains itself', async () => {
    const { bot, calls, sent } = setup();
    await bot.handleUpdate(
      update({ text: `/check ${SCAM}`, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }),
    );
    expect(calls[0]).toMatchObject({ kind: 'check', text: SCAM });
    await bot.handleUpdate(update({ text: '/check', entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    expect(calls).toHaveLength(1);
    expect(sent()[1].text).toContain('/check');
  });

  it('a photo is downloaded, read, shown shortened, then checked', async () => {
    const long = `${SCAM}${'后面还有很多文字。'.repeat(60)}`;
    const { bot, calls, sent, images } = setup(long);
    await bot.handleUpdate(
      update({
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
          { file_id: 'big', file_unique_id: 'b', width: 900, height: 1600 },
        ],
      }),
    );
    expect(images).toHaveLength(1);
    expect(images[0].equals(PNG)).toBe(true);
    const [shown, answer] = sent();
    expect(shown.text).toContain(SCAM.slice(0, 20));
    expect([...shown.text].length).toBeLessThan(MAX_SHOWN_OCR_CHARS + 40);
    expect(calls).toEqual([
      { kind: 'check', text: long, input: { text: long, forwarded: false, forwardedFrom: undefined } },
    ]);
    expect(answer.text).toContain(verdictLine(checkMessage(long)));
  });

  it('an image sent as a document is checked too; an image without text gets a clear reply', async () => {
    const { bot, calls, sent } = setup('');
    await bot.handleUpdate(
      update({ document: { file_id: 'doc', file_unique_id: 'd', mime_type: 'image/png', file_name: 'shot.png' } }),
    );
    expect(calls).toEqual([]);
    expect(sent()[0].text).toMatch(/没有从图片中识别出文字/);
  });

  it('a caption that is the message typed out is checked as text; a question about the image reads the image', async () => {
    const { bot, calls, images } = setup();
    const photo = [{ file_id: 'p', file_unique_id: 'p', width: 900, height: 1600 }];
    await bot.handleUpdate(update({ photo, caption: '【ETC服务】您的ETC已失效，请点击 http://etc-x.cc 重新认证' }));
    expect(images).toHaveLength(0);
    expect(calls.map((c) => c.kind)).toEqual(['answer']);
    await bot.handleUpdate(update({ photo, caption: '我妈收到这条短信，帮我看看是不是诈骗' }));
    await bot.handleUpdate(update({ photo, caption: '是诈骗吗？' }));
    expect(images).toHaveLength(2);
    expect(calls.map((c) => c.kind)).toEqual(['answer', 'check', 'check']);
  });

  it('a plain pasted question still goes to the engine as a question', async () => {
    const { bot, calls } = setup();
    await bot.handleUpdate(update({ text: '什么是杀猪盘？' }));
    expect(calls.map((c) => c.kind)).toEqual(['answer']);
  });
});
