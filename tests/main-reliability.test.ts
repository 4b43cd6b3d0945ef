/**
 * Issue 9 §3, §4, §6 at the process edge: the webhook server (bad bodies, repeats, size
 * cap, busy port), the network guard (outages, long rate limits, no repeated sends), a
 * bounded start when Telegram is unreachable, and start-up errors that name the setting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/answer/engine.js';
import { createBot } from '../src/bot/create-bot.js';
import {
  MAX_WEBHOOK_BODY,
  networkGuard,
  type Running,
  StartError,
  startPolling,
  startWebhook,
} from '../src/bot/start.js';
import { createLogger } from '../src/log.js';
import { createSourceLookup } from '../src/retrieval/sources.js';
import { BOT_INFO, logSink, TOKEN as TEST_TOKEN, textUpdate } from './helpers/bot.js';
import { botMessages, type Emulator, freePort, startEmulator, waitFor } from './helpers/emulator.js';
import { seedEngine } from './helpers/engine.js';
import { fakeEngine, fakeSources } from './helpers/fake-engine.js';
import { SEEDS_DIR } from './helpers/seeds.js';

const TOKEN = '987654:REL-token-abcdefghijklmnopqrs';
const SECRET = 'reliability_secret-0123456789';

async function makeBot(apiRoot: string) {
  const deps = await seedEngine();
  return createBot({
    token: TOKEN,
    engine: { answer: (q, o) => answer(q, deps, o) },
    sources: createSourceLookup(deps.retriever.index),
    logger: createLogger({ level: 'silent', secrets: [TOKEN] }),
    apiRoot,
    rateLimitPerMinute: 30,
    retry: { maxRetryAttempts: 2, maxDelaySeconds: 2 },
  });
}

const update = (update_id: number, chatId: number, text = '什么是杀猪盘？') => ({
  update_id,
  message: {
    message_id: update_id,
    date: 0,
    chat: { id: chatId, type: 'private', first_name: 'W' },
    from: { id: chatId, is_bot: false, first_name: 'W' },
    text,
  },
});

describe('webhook server', () => {
  let server: Emulator;
  let running: Running;
  let url: string;
  const post = (body: string, secret = SECRET) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
      body,
    });

  beforeAll(async () => {
    server = await startEmulator();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/tg/hook`;
    running = await startWebhook(await makeBot(server.config.apiURL), createLogger({ level: 'silent' }), {
      url,
      secret: SECRET,
      port,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await running.stop(1000);
    await server.stop();
  });

  it('answers 400 to malformed JSON and to null, with the right secret', async () => {
    expect((await post('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('{"message": {}}')).status).toBe(400);
    expect((await post('{}', 'wrong-secret')).status).toBe(401);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ update_id: 5, message: { text: 'x'.repeat(MAX_WEBHOOK_BODY) } });
    expect((await post(big)).status).toBe(413);
  });

  it('answers an update POSTed twice only once', async () => {
    const body = JSON.stringify(update(77, 5151));
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await waitFor(() => botMessages(server, 5151).length >= 1, 15_000, 'the answer');
    const first = botMessages(server, 5151).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(botMessages(server, 5151).length).toBe(first);
    // One answer may be split into several messages; a second answer would double them.
    expect(botMessages(server, 5151).filter((m) => String(m.text).includes('杀猪盘')).length).toBeLessThanOrEqual(
      first,
    );
    const texts = botMessages(server, 5151).map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('exits with a clear message when the port is in use', async () => {
    const busy: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    try {
      await expect(
        startWebhook(await makeBot(server.config.apiURL), createLogger({ level: 'silent' }), {
          url: `https://example.org/hook`,
          secret: SECRET,
          port,
          host: '127.0.0.1',
        }),
      ).rejects.toThrow(new RegExp(`Port ${port} is already in use \\(EADDRINUSE\\): set PORT`));
    } finally {
      busy.close();
    }
  });
});

describe('network guard', () => {
  const netError = (code: string) =>
    new HttpError('Network request failed', Object.assign(new Error(`connect ${code}`), { code }));

  it('rides out an outage of reads with a capped backoff, logging its start and end', async () => {
    const sink = logSink();
    const guard = networkGuard(createLogger({ level: 'info', destination: sink.stream }), { maxBackoffMs: 1 });
    let calls = 0;
    const prev = (async () => {
      calls++;
      if (calls <= 6) throw netError('ECONNREFUSED');
      return { ok: true, result: [] };
    }) as any;
    const t0 = Date.now();
    // First pause 1 s, then capped at maxBackoffMs (1 ms here): never doubling towards an hour.
    const res = await guard(prev, 'getUpdates', {} as any);
    expect(res).toEqual({ ok: true, result: [] });
    expect(calls).toBe(7);
    expect(Date.now() - t0).toBeLessThan(3000);
    const log = sink.lines.join('');
    expect(log.match(/Telegram Bot API unreachable; retrying/g)).toHaveLength(1);
    expect(log).toMatch(/Telegram Bot API reachable again/);
  });

  it('never repeats a send whose response was lost, but does when it cannot have left', async () => {
    const guard = networkGuard(createLogger({ level: 'silent' }), { maxBackoffMs: 1 });
    let calls = 0;
    const lost = (async () => {
      calls++;
      throw netError('ECONNRESET');
    }) as any;
    await expect(guard(lost, 'sendMessage', { chat_id: 1, text: 'x' } as any)).rejects.toThrow(HttpError);
    expect(calls).toBe(1);
    calls = 0;
    const refused = (async () => {
      calls++;
      if (calls === 1) throw netError('ECONNREFUSED');
      return { ok: true, result: { message_id: 1 } };
    }) as any;
    await expect(guard(refused, 'sendMessage', { chat_id: 1, text: 'x' } as any)).resolves.toMatchObject({ ok: true });
    expect(calls).toBe(2);
  });

  it('in the assembled bot, a sendMessage whose response was lost is sent once, not again by auto-retry', async () => {
    const sends: string[] = [];
    const bot = createBot({
      token: TEST_TOKEN,
      botInfo: BOT_INFO,
      engine: fakeEngine().engine,
      sources: fakeSources,
      logger: createLogger({ level: 'silent' }),
      retry: { maxRetryAttempts: 3, maxDelaySeconds: 1 },
      apiTransformer: (async (_prev: unknown, method: string, payload: any) => {
        if (method !== 'sendMessage') return { ok: true, result: true };
        sends.push(payload.text);
        // The first answer reaches Telegram, but its response is lost (connection reset).
        if (sends.length === 1) throw netError('ECONNRESET');
        return {
          ok: true,
          result: {
            message_id: sends.length,
            date: 0,
            chat: { id: payload.chat_id, type: 'private' },
            text: payload.text,
          },
        };
      }) as any,
    });
    bot.api.config.use(networkGuard(createLogger({ level: 'silent' }), { maxBackoffMs: 1 }));
    await bot.handleUpdate(textUpdate('什么是杀猪盘？'));
    expect(sends[0]).toContain('杀猪盘');
    expect(sends.filter((t) => t === sends[0])).toHaveLength(1);
  });

  it('waits out a 429 with retry_after beyond auto-retry’s 10 s bound', async () => {
    const guard = networkGuard(createLogger({ level: 'silent' }));
    let calls = 0;
    const prev = (async () => {
      calls++;
      return calls === 1
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 11',
            parameters: { retry_after: 11 },
          }
        : { ok: true, result: { message_id: 9 } };
    }) as any;
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      const p = guard(prev, 'sendMessage', { chat_id: -100, text: 'x' } as any);
      await vi.advanceTimersByTimeAsync(10_500);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(p).resolves.toMatchObject({ ok: true });
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a busy group: 30 questions under 429s with retry_after 15 s are all answered, none dropped', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const answered: string[] = [];
      let sends = 0;
      const bot = createBot({
        token: TEST_TOKEN,
        botInfo: BOT_INFO,
        engine: fakeEngine().engine,
        sources: fakeSources,
        logger: createLogger({ level: 'silent' }),
        rateLimitPerMinute: 100,
        retry: { maxRetryAttempts: 3, maxDelaySeconds: 10 },
        apiTransformer: (async (_prev: unknown, method: string, payload: any) => {
          if (method !== 'sendMessage') return { ok: true, result: true };
          // Telegram's group limit: every third send is refused for 15 s, beyond auto-retry's 10 s.
          if (++sends % 3 === 0)
            return {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 15',
              parameters: { retry_after: 15 },
            };
          answered.push(payload.text);
          return {
            ok: true,
            result: { message_id: sends, date: 0, chat: { id: payload.chat_id, type: 'group' }, text: payload.text },
          };
        }) as any,
      });
      bot.api.config.use(networkGuard(createLogger({ level: 'silent' })));
      const questions = Array.from({ length: 30 }, (_, i) => `@${BOT_INFO.username} 问题${i}：什么是杀猪盘？`);
      const handled = Promise.all(
        questions.map((q, i) =>
          bot.handleUpdate(textUpdate(q, { chatType: 'group', chatId: -100777, userId: 1000 + i })),
        ),
      );
      for (let t = 0; t < 40 && answered.length < 30; t++) await vi.advanceTimersByTimeAsync(15_000);
      await handled;
      for (let i = 0; i < 30; i++)
        expect(
          answered.some((a) => a.includes(`问题${i}：`)),
          `question ${i}`,
        ).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up reaching an unreachable Bot API at start after the bound, with a clear error', async () => {
    const port = await freePort();
    const apiRoot = `http://127.0.0.1:${port}`;
    const t0 = Date.now();
    await expect(
      startPolling(await makeBot(apiRoot), createLogger({ level: 'silent' }), {
        startTimeoutMs: 1500,
        apiRoot,
        maxBackoffMs: 200,
      }),
    ).rejects.toThrow(StartError);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(
      startPolling(await makeBot(apiRoot), createLogger({ level: 'silent' }), { startTimeoutMs: 500, apiRoot }),
    ).rejects.toThrow(new RegExp(`Telegram Bot API at ${apiRoot} could not be reached within 1 s.*TELEGRAM_API_ROOT`));
  });
});

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [TSX, join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SEEDS_DIR,
      DOTENV_CONFIG_PATH: '/nonexistent/.env',
      RECORD: 'off',
      WATCH_SEEDS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { exited, output: () => output };
}

describe('npm start with a bad setting', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'fzzs-rel-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('exits 1 after the start bound when TELEGRAM_API_ROOT is unreachable', async () => {
    const port = await freePort();
    const p = start({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      TELEGRAM_START_TIMEOUT_S: '2',
      DATA_DIR: dataDir(),
    });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/Telegram Bot API at http:\/\/127\.0\.0\.1:\d+ could not be reached within 2 s/);
  }, 60_000);

  it('names EMBEDDINGS_BASE_URL and its URL, never the key, when the embeddings endpoint is unreachable', async () => {
    const port = await freePort();
    const p = start({
      TELEGRAM_BOT_TOKEN: TOKEN,
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_MODEL: 'bge-m3',
      EMBEDDINGS_BASE_URL: `http://127.0.0.1:${port}/v1?key=query-secret`,
      EMBEDDINGS_API_KEY: 'sk-very-secret-key',
      DATA_DIR: dataDir(),
    });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(
      new RegExp(`embeddings endpoint http://127\\.0\\.0\\.1:${port}/v1 \\(EMBEDDINGS_BASE_URL\\) cannot be reached`),
    );
    expect(p.output()).not.toMatch(/sk-very-secret-key|query-secret/);
  }, 60_000);

  it('exits 1 with a clear message, not a stack trace, when PORT is in use', async () => {
    const emulator = await startEmulator();
    const busy: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, r));
    try {
      const p = start({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emulator.config.apiURL,
        WEBHOOK_URL: 'https://bot.example.org/tg/hook',
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        DATA_DIR: dataDir(),
      });
      expect(await p.exited).toBe(1);
      expect(p.output()).toMatch(
        new RegExp(`failed to start: Port ${port} is already in use \\(EADDRINUSE\\): set PORT`),
      );
      expect(p.output()).not.toMatch(/^\s+at /mu);
    } finally {
      busy.close();
      await emulator.stop();
    }
  }, 60_000);

  it('names SEEDS_DIR, not a --seeds option, when the seeds directory is missing', async () => {
    const p = start({ TELEGRAM_BOT_TOKEN: TOKEN, SEEDS_DIR: '/nonexistent/seeds', DATA_DIR: dataDir() });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/Seeds directory \/nonexistent\/seeds cannot be read[\s\S]*Set SEEDS_DIR/);
    expect(p.output()).not.toMatch(/--seeds/);
  }, 60_000);
});
