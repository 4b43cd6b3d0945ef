import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/index/embedders.js';
import { HashingEmbeddings } from '../../src/index/hashing-embeddings.js';
import { TransformersEmbeddings } from '../../src/index/transformers-embeddings.js';
import { normalizeForSearch } from '../../src/text/script.js';
import { words } from '../../src/text/tokenize.js';
import { SEEDS_DIR } from '../helpers/seeds.js';

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('HashingEmbeddings', () => {
  const e = new HashingEmbeddings();

  it('is deterministic, L2-normalised and of the configured size', async () => {
    const [a, b] = await e.embedDocuments(['民警提醒不要转账', '民警提醒不要转账']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(256);
    expect(Math.abs(cos(a, a) - 1)).toBeLessThan(1e-9);
    expect(new HashingEmbeddings({ dimensions: 64 }).embed('测试')).toHaveLength(64);
  });

  it('places related Chinese texts closer than unrelated ones, across scripts', async () => {
    const q = await e.embedQuery('什麼是殺豬盤詐騙');
    const related = e.embed('以“杀猪盘”为手段骗人钱财的犯罪团伙被彻底摧毁');
    const unrelated = e.embed('民警帮老人找回走失的家人，家属送来锦旗');
    expect(cos(q, related)).toBeGreaterThan(cos(q, unrelated) + 0.1);
  });

  it('gives the same vectors from worker threads as in the calling thread', async () => {
    const texts = Array.from(
      { length: 600 },
      (_, i) => `第${i}号提醒：接到自称客服的电话要求转账${i % 7}次，一定是诈骗。`,
    );
    const pooled = new HashingEmbeddings({ workers: 2 });
    try {
      const [a, b] = await Promise.all([pooled.embedDocuments(texts), e.embedDocuments(texts)]);
      expect(a).toHaveLength(600);
      for (let i = 0; i < texts.length; i += 37) {
        // Workers send float32: equal to the in-thread vector to float32 precision.
        for (const [k, x] of a[i].entries()) expect(x).toBeCloseTo(b[i][k], 6);
      }
    } finally {
      await pooled.close();
    }
  });

  it('gives bit for bit the vectors indexes were built with (an index reuses stored vectors by embedder id)', () => {
    // Every non-blank line of the seed articles, at two sizes, hashed as float64: the value
    // was taken from the Map-based implementation this one replaced (same id, hashing-v2).
    const lines = readdirSync(SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => readFileSync(join(SEEDS_DIR, f), 'utf8').split('\n'))
      .filter((l) => l.trim());
    const h = createHash('sha256');
    for (const d of [256, 64]) {
      const x = new HashingEmbeddings({ dimensions: d });
      for (const l of lines) h.update(new Uint8Array(Float64Array.from(x.embed(l)).buffer));
    }
    expect(lines.length).toBeGreaterThan(500);
    expect(h.digest('hex')).toBe('81368c9124c63125b63c409fc5b7210585ad909c191e5cd539bb7c0c4d7a3645');
  });

  it('writes into a float32 buffer exactly what embedding and storing gives', () => {
    const texts = ['民警提醒：不要转账，不要转账！', 'USPS package 包裹 地址有误 https://x.cn', '骗'.repeat(900)];
    const out = new Float32Array(texts.length * 256 + 3);
    texts.forEach((t, i) => {
      const n = normalizeForSearch(t);
      e.embedNormalizedInto(n, words(n), out, 3 + i * 256);
    });
    for (const [i, t] of texts.entries())
      expect(out.subarray(3 + i * 256, 3 + (i + 1) * 256)).toEqual(Float32Array.from(e.embed(t)));
  });

  it('rejects a nonsensical size', () => {
    expect(() => new HashingEmbeddings({ dimensions: 3 })).toThrow(/dimensions/);
  });
});

describe('OpenAI-compatible embeddings against a local mock server', () => {
  let server: Server;
  let baseURL: string;
  const requests: { auth?: string; body: { model: string; input: string[] } }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const body = JSON.parse(data);
        requests.push({ auth: req.headers.authorization, body });
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            object: 'list',
            model: body.model,
            data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: [t.length, 1, 0] })),
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the model and key and returns the vectors in order', async () => {
    const { embeddings, id } = createEmbedder({ provider: 'openai', baseURL, apiKey: 'sk-test', model: 'bge-m3' });
    expect(id).toMatch(/^openai:bge-m3@127\.0\.0\.1/);
    const v = await embeddings.embedDocuments(['一', '二二', '三三三']);
    expect(v).toEqual([
      [1, 1, 0],
      [2, 1, 0],
      [3, 1, 0],
    ]);
    expect(requests.at(-1)?.auth).toBe('Bearer sk-test');
    expect(requests.at(-1)?.body.model).toBe('bge-m3');
  });
});

describe('TransformersEmbeddings', () => {
  const modelDir = process.env.TRANSFORMERS_TEST_MODEL_DIR;

  it('fails with a clear message when the model directory is empty', async () => {
    const e = new TransformersEmbeddings({ modelDir: '/nonexistent/bge-small-zh' });
    await expect(e.embedQuery('你好')).rejects.toThrow(/No transformers\.js model in .*config\.json missing/);
  });

  it.skipIf(!modelDir || !existsSync(modelDir))(
    'embeds with a local model (skipped: set TRANSFORMERS_TEST_MODEL_DIR to a local model directory; none ships with this repo)',
    async () => {
      const e = new TransformersEmbeddings({ modelDir: modelDir! });
      const [a, b] = await e.embedDocuments(['什么是杀猪盘', '杀猪盘是网络交友诈骗']);
      expect(a.length).toBeGreaterThan(100);
      expect(cos(a, b)).toBeGreaterThan(0.3);
    },
  );
});
