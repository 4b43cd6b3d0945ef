/**
 * End to end, the operator loop: the real runtime (live engine, record, watcher) and the
 * real bot on the Bot API emulator. Votes and reasons reach the record; an admin's upload
 * becomes citable without a restart; others' uploads and bad files are refused.
 */
import '../helpers/emulator-files.js';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { type Running, startPolling } from '../../src/bot/start.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { botMessages, type Emulator, startEmulator, waitFor } from '../helpers/emulator.js';
import { addFile } from '../helpers/emulator-files.js';
import { SEEDS_DIR } from '../helpers/seeds.js';

const TOKEN = '987655:Operator-e2e-token-abcdefghijkl';
const ADMIN = 5001;
const logger = createLogger({ level: 'silent', secrets: [TOKEN] });
// A case no seed article holds: a fake "pension certification" call, with a made-up place.
const NEW_ARTICLE = `警惕冒充社保局“养老金资格认证”诈骗

近日，青禾县居民周阿姨接到自称社保局工作人员的电话，称她的养老金资格认证即将过期，需要下载一个“认证App”并开启屏幕共享。周阿姨按对方要求操作后，银行卡内的3万元被转走。

青禾县公安局民警提醒：养老金资格认证不收取任何费用，社保部门不会要求下载陌生App或共享屏幕，接到此类电话请立即挂断并拨打96110咨询。`;

describe('operator loop against the Bot API emulator', () => {
  let server: Emulator;
  let running: Running;
  let runtime: Runtime;
  let seeds: string;
  let dir: string;
  let chat = 7000;

  const client = (id: number) => server.getClient(TOKEN, { userId: id, chatId: id, firstName: 'U' });
  /** Sends a text, or (with `extra.document`) a file message without text, as user `id`. */
  async function send(id: number, extra: Record<string, unknown>, text = '') {
    const c = client(id);
    const { text: _t, ...bare } = c.makeMessage(text || '-');
    await c.sendMessage({
      ...(text ? { text } : {}),
      ...bare,
      from: { id, is_bot: false, first_name: 'U' },
      ...extra,
    } as never);
  }
  const doc = (content: string | Buffer, name: string) => ({
    document: {
      file_id: addFile(content),
      file_unique_id: name,
      file_name: name,
      mime_type: 'text/plain',
      file_size: Buffer.byteLength(content),
    },
  });
  /** The emulator's id of the `i`-th bot message in chat `id` (its stored copy has none). */
  const messageId = (id: number, i: number) =>
    server.storage.botMessages.filter((m: any) => Number(m.message.chat_id) === id)[i].messageId;
  const repliesIn = (id: number, n: number, what: string, ms = 30_000) =>
    waitFor(() => botMessages(server, id).length >= n && botMessages(server, id), ms, what);

  beforeAll(async () => {
    // Lives for the whole file (the per-test tmp() helper would delete it after the first test).
    dir = mkdtempSync(join(tmpdir(), 'fzzs-op-'));
    seeds = join(dir, 'seeds');
    cpSync(SEEDS_DIR, seeds, { recursive: true });
    const config = loadConfig({
      SEEDS_DIR: seeds,
      DATA_DIR: join(dir, 'index'),
      ADMIN_USER_IDS: String(ADMIN),
      WATCH_SEEDS: 'false',
    });
    runtime = await startRuntime(config, logger);
    server = await startEmulator();
    const bot = createBot({
      token: TOKEN,
      engine: runtime.engine,
      sources: runtime.sources,
      recorder: runtime.recorder,
      admin: runtime.admin,
      logger,
      apiRoot: server.config.apiURL,
      retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 },
    });
    running = await startPolling(bot, logger);
  }, 120_000);
  afterAll(async () => {
    await running?.stop(2000);
    await server?.stop();
    runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records votes and the 👎 reason, once per user', async () => {
    const id = ++chat;
    await send(id, {}, '什么是杀猪盘？');
    const [answer] = await repliesIn(id, 1, 'answer');
    const buttons = answer.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data as string);
    const down = buttons.find((d: string) => /^v:[0-9a-f]{12}:d$/.test(d));
    expect(down).toBeDefined();
    const c = client(id);
    const message_id = messageId(id, 0);
    await c.sendCallback(
      c.makeCallbackQuery(down!, { message: { message_id, reply_markup: answer.reply_markup } as any }),
    );
    // The reasons replace the vote row (emulator stores the edited markup on the message).
    const reasons = await waitFor(
      () => {
        const m = botMessages(server, id)[0];
        const data = m.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data as string);
        return data.some((d: string) => d.startsWith('r:')) && data;
      },
      10_000,
      'reason buttons',
    );
    const wrong = reasons.find((d: string) => d.endsWith(':wrong'))!;
    await c.sendCallback(c.makeCallbackQuery(wrong, { message: { message_id } as any }));
    await c.sendCallback(c.makeCallbackQuery(down!, { message: { message_id } as any }));
    const voted = await waitFor(
      () => {
        const { votes } = runtime.recorder.read(new Date(0));
        return votes.some((v) => v.reason === 'wrong') && votes;
      },
      10_000,
      'vote with reason recorded',
    );
    const mine = voted.filter((v) => v.interactionId === down!.split(':')[1]);
    expect(mine).toHaveLength(1);
    expect(mine[0].vote).toBe(-1);
    const { interactions } = runtime.recorder.read(new Date(0));
    const row = interactions.find((i) => i.id === down!.split(':')[1])!;
    expect(row.outcome).toBe('answered');
    expect(row.citations.length).toBeGreaterThan(0);
    expect(row.userHash).not.toBe(String(id));
  });

  it('refuses an upload from a non-admin', async () => {
    const id = ++chat;
    await send(id, doc(NEW_ARTICLE, 'new.txt'));
    const [m] = await repliesIn(id, 1, 'refusal');
    expect(m.text).toContain('只有管理员');
    expect(readdirSync(seeds)).not.toContain('new.txt');
  });

  it('refuses a bad file from an admin, naming the problem', async () => {
    await send(ADMIN, doc(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]), 'scan.txt'));
    const [m] = await repliesIn(ADMIN, 1, 'bad file reply');
    expect(m.text).toMatch(/binary/);
    expect(readdirSync(seeds)).not.toContain('scan.txt');
  });

  it("makes an admin's article citable without a restart", async () => {
    const q = ++chat;
    await send(q, {}, '青禾县周阿姨的养老金资格认证诈骗是怎么回事？');
    const [before] = await repliesIn(q, 1, 'answer before upload');
    expect(before.text).not.toContain('青禾县');

    const n = botMessages(server, ADMIN).length;
    await send(ADMIN, doc(NEW_ARTICLE, '青禾县养老金认证诈骗.txt'));
    const replies = await repliesIn(ADMIN, n + 2, 'ingest summary', 60_000);
    expect(replies[n].text).toContain('已保存');
    expect(replies[n + 1].text).toContain('资料库已更新');
    expect(readdirSync(seeds)).toContain('青禾县养老金认证诈骗.txt');

    const q2 = ++chat;
    await send(q2, {}, '青禾县周阿姨的养老金资格认证诈骗是怎么回事？');
    const [afterUpload] = await repliesIn(q2, 1, 'answer after upload');
    const sources = afterUpload.reply_markup.inline_keyboard
      .flat()
      .filter((b: any) => b.callback_data.startsWith('p:'));
    expect(sources.length, afterUpload.text).toBeGreaterThan(0);
    expect(afterUpload.text, replies[n + 1].text).toMatch(/青禾县|养老金资格认证|认证App/);

    // The same name again asks before replacing.
    const m2 = botMessages(server, ADMIN).length;
    await send(ADMIN, doc(`${NEW_ARTICLE}\n补充`, '青禾县养老金认证诈骗.txt'));
    const [ask] = (await repliesIn(ADMIN, m2 + 1, 'overwrite question')).slice(m2);
    expect(ask.text).toContain('已经有一个');
    expect(ask.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^up:y:/), expect.stringMatching(/^up:n:/)]),
    );
  }, 120_000);

  it('shows /stats to admins only', async () => {
    const c = client(ADMIN);
    const n = botMessages(server, ADMIN).length;
    await c.sendCommand(c.makeCommand('/stats', { from: { id: ADMIN, is_bot: false, first_name: 'A' } as any }));
    const [stats] = (await repliesIn(ADMIN, n + 1, '/stats')).slice(n);
    expect(stats.text).toContain('report');
    expect(stats.text).toMatch(/\d+ questions and checks/);
  });
});
