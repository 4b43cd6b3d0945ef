/**
 * `npm run bench:bot`: update → reply latency and throughput of the real bot (long
 * polling via @grammyjs/runner) against the telegram-test-api emulator on loopback.
 * Target: p95 ≤ 150 ms without an LLM.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer } from '../src/answer/engine.js';
import { loadGolden } from '../src/answer/evaluate.js';
import { createBot } from '../src/bot/create-bot.js';
import { startPolling } from '../src/bot/start.js';
import { createEmbedder } from '../src/index/embedders.js';
import { ensureIndex } from '../src/index/ingest.js';
import { createLogger } from '../src/log.js';
import { HybridRetriever } from '../src/retrieval/hybrid.js';
import { createSourceLookup } from '../src/retrieval/sources.js';
import { startEmulator } from '../tests/helpers/emulator.js';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = '111111:BENCH-token-abcdefghijklmnop';
const questions = loadGolden(join(ROOT, 'tests', 'eval', 'golden.json')).map((i) => i.q);

const out = mkdtempSync(join(tmpdir(), 'fzzs-botbench-'));
const { index } = await ensureIndex({
  seedsDir: join(ROOT, 'seeds'),
  outDir: out,
  embedder: createEmbedder({ provider: 'hashing' }),
});
const retriever = new HybridRetriever(index);
const server = await startEmulator();
const logger = createLogger({ level: 'silent' });
const bot = createBot({
  token: TOKEN,
  engine: { answer: (q, o) => answer(q, { retriever }, o) },
  sources: createSourceLookup(index),
  logger,
  apiRoot: server.config.apiURL,
  rateLimitPerMinute: 10_000,
});
const running = await startPolling(bot, logger);

// Reply times, per chat, recorded when the emulator receives the bot's message.
const replied = new Map<number, number>();
const addBotMessage = server.addBotMessage.bind(server);
server.addBotMessage = (msg, token) => {
  const id = Number(msg.chat_id);
  if (!replied.has(id)) replied.set(id, performance.now());
  return addBotMessage(msg, token);
};

async function waitReply(id: number, timeoutMs = 10_000): Promise<number> {
  const t0 = performance.now();
  while (!replied.has(id)) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`no reply in chat ${id}`);
    await new Promise((r) => setImmediate(r));
  }
  return replied.get(id)!;
}

let chat = 10_000;
async function send(q: string): Promise<{ id: number; sent: number }> {
  const id = ++chat;
  const client = server.getClient(TOKEN, { userId: id, chatId: id });
  const sent = performance.now();
  await client.sendMessage(client.makeMessage(q));
  return { id, sent };
}

// Warm-up.
for (const q of questions) await waitReply((await send(q)).id);

// Latency: one question at a time.
const lat: number[] = [];
for (let r = 0; r < 3; r++) {
  for (const q of questions) {
    const { id, sent } = await send(q);
    lat.push((await waitReply(id)) - sent);
  }
}
lat.sort((a, b) => a - b);
const p = (x: number) => lat[Math.min(lat.length - 1, Math.ceil(x * lat.length) - 1)];

// Throughput: 200 users at once.
const N = 200;
const t0 = performance.now();
const sends = await Promise.all(Array.from({ length: N }, (_, i) => send(questions[i % questions.length])));
await Promise.all(sends.map((s) => waitReply(s.id, 60_000)));
const seconds = (performance.now() - t0) / 1000;

console.log(
  'Bot benchmark: real bot (runner, long polling) ↔ telegram-test-api emulator on loopback, extractive answers',
);
console.log(
  `update → reply latency (sequential, n=${lat.length}): p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`,
);
console.log(
  `throughput: ${N} users at once answered in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)} replies/s`,
);
console.log('Target: p95 ≤ 150 ms.');
await running.stop(2000);
await server.stop();
rmSync(out, { recursive: true, force: true });
process.exit(0);
