/**
 * End to end, the message check in Telegram: the real bot, engine and offline OCR on the
 * Bot API emulator. A forwarded message is checked (never answered as a question), /check
 * checks the message it replies to, and a screenshot is read, shown back and checked.
 */
import '../helpers/emulator-files.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, checkAnswer } from '../../src/answer/engine.js';
import { createBot } from '../../src/bot/create-bot.js';
import { type Running, startPolling } from '../../src/bot/start.js';
import { closeDefaultOcr } from '../../src/check/ocr.js';
import { createLogger } from '../../src/log.js';
import { createSourceLookup } from '../../src/retrieval/sources.js';
import { botMessages, type Emulator, startEmulator, waitFor } from '../helpers/emulator.js';
import { addFile } from '../helpers/emulator-files.js';
import { seedEngine } from '../helpers/engine.js';

const TOKEN = '987656:Check-e2e-token-abcdefghijklmn';
const logger = createLogger({ level: 'silent', secrets: [TOKEN] });
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ocr');
const ETC_SMS = '【ETC服务】您的ETC卡已失效，请尽快登录 http://etc-renz.cc 重新认证，逾期将停用。';

describe('message check against the Bot API emulator', () => {
  let server: Emulator;
  let running: Running;
  let chat = 9000;

  beforeAll(async () => {
    const deps = await seedEngine();
    server = await startEmulator();
    const bot = createBot({
      token: TOKEN,
      engine: { answer: (q, o) => answer(q, deps, o), check: (input, o) => checkAnswer(input, deps, o) },
      sources: createSourceLookup(deps.retriever.index),
      logger,
      apiRoot: server.config.apiURL,
      retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 },
    });
    running = await startPolling(bot, logger);
  }, 120_000);
  afterAll(async () => {
    await running?.stop(2000);
    await server?.stop();
    await closeDefaultOcr();
  });

  const user = (id: number) => ({ id, is_bot: false, first_name: 'U', language_code: 'zh-hans' });
  async function send(id: number, message: Record<string, unknown>) {
    const c = server.getClient(TOKEN, { userId: id, chatId: id, firstName: 'U' });
    const { text: _t, ...bare } = c.makeMessage('-');
    await c.sendMessage({ ...bare, from: user(id), ...message } as never);
  }
  const replies = (id: number, n: number, what: string, ms = 30_000) =>
    waitFor(() => botMessages(server, id).length >= n && botMessages(server, id), ms, what);

  it('checks a forwarded message and quotes its red flags', async () => {
    const id = ++chat;
    await send(id, { text: ETC_SMS, forward_origin: { type: 'hidden_user', sender_user_name: '106575', date: 0 } });
    const [m] = await replies(id, 1, 'check of a forwarded message');
    expect(m.text.split('\n')[0]).toMatch(/^(<b>)?[🔴🟠]/u);
    expect(m.text).toContain('http://etc-renz.cc');
    expect(m.text).not.toMatch(/安全|不在我的范围/u);
  });

  it('/check checks the message it replies to', async () => {
    const id = ++chat;
    const c = server.getClient(TOKEN, { userId: id, chatId: id, firstName: 'U' });
    const cmd = c.makeCommand('/check', { from: user(id) as never });
    await c.sendCommand({
      ...cmd,
      reply_to_message: { message_id: 1, date: 0, chat: { id, type: 'private' }, text: ETC_SMS },
    } as never);
    const [m] = await replies(id, 1, '/check reply');
    expect(m.text.split('\n')[0]).toMatch(/^(<b>)?[🔴🟠]/u);
    expect(m.text).toContain('ETC');
  });

  it('reads a screenshot offline, shows the text, then gives the same verdict as the text', async () => {
    const id = ++chat;
    const png = readFileSync(join(FIXTURES, 'sms-etc-zh-hans.png'));
    await send(id, {
      photo: [{ file_id: addFile(png), file_unique_id: 'etc', width: 720, height: 400, file_size: png.length }],
    });
    const [shown, verdict] = await replies(id, 2, 'OCR text and verdict', 60_000);
    expect(shown.text).toMatch(/识别到的文字/u);
    expect(shown.text).toContain('ETC');
    expect(verdict.text.split('\n')[0]).toMatch(/^(<b>)?[🔴🟠]/u);
  }, 90_000);

  it('says so when a photo holds no text', async () => {
    const id = ++chat;
    const jpg = readFileSync(join(FIXTURES, 'photo-no-text.jpg'));
    await send(id, {
      photo: [{ file_id: addFile(jpg), file_unique_id: 'nt', width: 640, height: 480, file_size: jpg.length }],
    });
    const [m] = await replies(id, 1, 'no-text reply', 60_000);
    expect(m.text).toMatch(/没有从图片中识别出文字/u);
  }, 90_000);
});
