import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32, seedArticles, synthArticle, writeSyntheticCorpus } from '../../bench/synthetic.js';
import { loadSeeds } from '../../src/corpus/load.js';
import { splitArticle } from '../../src/corpus/split.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { HashingEmbeddings } from '../../src/index/hashing-embeddings.js';
import { ensureIndex } from '../../src/index/ingest.js';
import { encodeBm25 } from '../../src/index/lexical-file.js';
import { prepareCorpus } from '../../src/index/pipeline.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

/** A small raw corpus (about 40 re-drawn seed articles) in a temp directory. */
function corpus(): string {
  const dir = join(tmp(), 'seeds');
  writeSyntheticCorpus(SEEDS_DIR, dir, 600, 60);
  return dir;
}

describe('prepareCorpus', () => {
  it('gives the same passages, ids, lexical index and vectors in worker threads as in one thread', async () => {
    const seeds = corpus();
    const opts = { seedsDir: seeds, pipelineKey: 'k', hashingDimensions: 64, chunkBytes: 16_000, parallelMinBytes: 0 };
    // What the build receives while the corpus is prepared: passages and vectors in label order.
    const streamed = () => {
      const got: { passages: string[]; vectors: (Float32Array | undefined)[] } = { passages: [], vectors: [] };
      const onBatch = async (ps: { id: string }[], vs: (Float32Array | undefined)[]) => {
        got.passages.push(...ps.map((p) => p.id));
        got.vectors.push(...vs.map((v) => v && Float32Array.from(v)));
      };
      return { got, onBatch };
    };
    const s1 = streamed();
    const s2 = streamed();
    const one = await prepareCorpus({ ...opts, workers: 0, onBatch: s1.onBatch });
    const two = await prepareCorpus({ ...opts, workers: 2, onBatch: s2.onBatch });
    expect(one.passages.length).toBeGreaterThan(200);
    expect(two.passages).toEqual(one.passages);
    expect(Buffer.compare(encodeBm25(two.bm25), encodeBm25(one.bm25))).toBe(0);
    expect(s1.got.passages).toEqual(one.passages.map((p) => p.id));
    expect(s2.got.passages).toEqual(one.passages.map((p) => p.id));
    const e = new HashingEmbeddings({ dimensions: 64 });
    for (const label of [0, 7, one.passages.length - 1]) {
      const expected = Float32Array.from(e.embed(one.passages[label].text));
      expect(s1.got.vectors[label]).toEqual(expected);
      expect(s2.got.vectors[label]).toEqual(expected);
    }
    // And the same passages as the plain sequential path (load, then split).
    const plain = await loadSeeds(seeds);
    const ids = plain.articles.flatMap((a) => splitArticle(a.cleaned, a.source, a.title).map((p) => p.id));
    expect(one.passages.map((p) => p.id)).toEqual(ids);
  });
});

describe('incremental ingest', () => {
  const files = (dir: string) =>
    Object.fromEntries(['passages.jsonl', 'bm25.bin', 'articles.jsonl'].map((f) => [f, readFileSync(join(dir, f))]));

  it('reuses unchanged articles and yields the same index content as a build from scratch', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    writeFileSync(join(seeds, '0000005-added.txt'), synthArticle(seedArticles(SEEDS_DIR)[1], mulberry32(99)));
    const t0 = performance.now();
    const added = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    const ms = performance.now() - t0;
    expect(added.report.passages).toBeGreaterThan(first.report.passages);
    expect(added.report.reused).toBeGreaterThanOrEqual(first.report.passages - 5);
    expect(added.report.embedded).toBeLessThan(60);
    const fresh = await ensureIndex({ seedsDir: seeds, outDir: tmp(), embedder: e });
    const a = files(added.index.dir);
    const b = files(fresh.index.dir);
    for (const f of Object.keys(a)) expect(Buffer.compare(a[f], b[f]), f).toBe(0);
    expect(readdirSync(seeds).length).toBeGreaterThan(5);
    expect(ms).toBeLessThan(30_000);
  });

  it('re-cleans an article whose file changed', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    const name = readdirSync(seeds).sort()[3];
    writeFileSync(
      join(seeds, name),
      `${readFileSync(join(seeds, name), 'utf8')}\n\n民警特别提醒：凡是要求下载陌生会议软件并共享屏幕的，一律是诈骗。\n`,
    );
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.index.passages.some((p) => p.source === name && p.text.includes('一律是诈骗'))).toBe(true);
  });
});
