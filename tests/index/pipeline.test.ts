import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32, seedArticles, synthArticle, writeSyntheticCorpus } from '../../bench/synthetic.js';
import { loadSeeds } from '../../src/corpus/load.js';
import { splitArticle } from '../../src/corpus/split.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { HashingEmbeddings } from '../../src/index/hashing-embeddings.js';
import { ensureIndex, updateIndex } from '../../src/index/ingest.js';
import { encodeBm25 } from '../../src/index/lexical-file.js';
import { loadIndex } from '../../src/index/load.js';
import { type PreparedBatch, prepareCorpus } from '../../src/index/pipeline.js';
import { textHash } from '../../src/index/text-hash.js';
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
      const onBatch = async (b: PreparedBatch) => {
        const ids = b.items.flatMap((item) =>
          new TextDecoder()
            .decode(item.lines)
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l)[0] as string),
        );
        got.passages.push(...ids);
        got.vectors.push(...b.vectors.map((v) => v && Float32Array.from(v)));
        // One hash, vector and text slot per passage of the batch's whole articles.
        expect(b.hashes).toHaveLength(ids.length);
        expect(b.items.reduce((n, i) => n + i.passages, 0)).toBe(ids.length);
        expect(b.texts.map((t) => t && textHash(t))).toEqual(b.hashes);
      };
      return { got, onBatch };
    };
    const s1 = streamed();
    const s2 = streamed();
    const one = await prepareCorpus({ ...opts, workers: 0, onBatch: s1.onBatch });
    const two = await prepareCorpus({ ...opts, workers: 2, onBatch: s2.onBatch });
    expect(one.passages.length).toBeGreaterThan(200);
    expect(two.passages).toEqual(one.passages);
    expect(Buffer.compare(encodeBm25(two.lexical.finish()), encodeBm25(one.lexical.finish()))).toBe(0);
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

describe('prepareCorpus memory bounds', () => {
  it('prepares in the calling thread what a worker has no memory for, with the same result', async () => {
    const seeds = corpus();
    // One seed file far larger than the others (about 4 MB of text).
    const big = readdirSync(seeds)
      .slice(0, 12)
      .map((f) => readFileSync(join(seeds, f), 'utf8'))
      .join('\n\n');
    writeFileSync(join(seeds, '0000000-big.txt'), big.repeat(Math.ceil(4e6 / Buffer.byteLength(big))));
    const opts = { seedsDir: seeds, pipelineKey: 'k', hashingDimensions: 32, chunkBytes: 64_000, parallelMinBytes: 0 };
    const bounded = await prepareCorpus({ ...opts, workers: 2, workerOldMb: 24 });
    expect(bounded.warnings.some((w) => w.includes('more memory than a preparing thread is given'))).toBe(true);
    const inThread = await prepareCorpus({ ...opts, workers: 0 });
    expect(bounded.passages.map((p) => p.id)).toEqual(inThread.passages.map((p) => p.id));
    expect(Buffer.compare(encodeBm25(bounded.lexical.finish()), encodeBm25(inThread.lexical.finish()))).toBe(0);
  }, 60_000);
});

describe('prepareCorpus warnings', () => {
  it("checks the catalog against the whole directory, not each chunk's files", async () => {
    const prepared = await prepareCorpus({ seedsDir: SEEDS_DIR, pipelineKey: 'k', workers: 0 });
    expect(prepared.articles.length).toBeGreaterThan(5);
    expect(prepared.warnings.filter((w) => w.includes('names no file'))).toEqual([]);
  });
});

describe('incremental ingest', () => {
  const FILES = ['passages.jsonl', 'bm25.bin', 'articles.jsonl', 'library.json'];
  const files = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f))]));
  const addArticle = (seeds: string, name: string) =>
    writeFileSync(join(seeds, name), synthArticle(seedArticles(SEEDS_DIR)[1], mulberry32(99)));

  it('appends a new article to the live index: the same files as a build from scratch', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    // A name after all others (dated names are): the appended order is the name order.
    addArticle(seeds, 'zzzz-added.txt');
    const timings: string[] = [];
    const added = await ensureIndex({
      seedsDir: seeds,
      outDir: out,
      embedder: e,
      onTiming: (part) => timings.push(part),
    });
    expect(added.report.reason).toMatch(/1 new file\(s\) appended/);
    expect(added.report.passages).toBeGreaterThan(first.report.passages);
    expect(added.report.reused).toBe(first.report.passages);
    expect(added.report.embedded).toBe(added.report.passages - first.report.passages);
    const fresh = await ensureIndex({ seedsDir: seeds, outDir: tmp(), embedder: e });
    expect(fresh.report.reason).toBe('no index yet');
    const a = files(added.index.dir);
    const b = files(fresh.index.dir);
    for (const f of FILES) expect(Buffer.compare(a[f], b[f]), f).toBe(0);
    // The appended vectors are searchable: a new passage finds itself first.
    const label = added.index.manifest.passageCount - 1;
    const text = added.index.passage(label)!.text;
    const [hit] = await added.index.store.similaritySearchVectorWithScore(await e.embeddings.embedQuery(text), 1);
    expect(hit[0].pageContent).toBe(text);
  });

  it('appends an article whose name sorts between others: same passages and scores, labels in order of arrival', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    addArticle(seeds, '0000005-added.txt');
    const added = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(added.report.reason).toMatch(/appended/);
    const fresh = await ensureIndex({ seedsDir: seeds, outDir: tmp(), embedder: e });
    const ids = (x: typeof added) => x.index.passages.map((p) => p.id);
    expect([...ids(added)].sort()).toEqual([...ids(fresh)].sort());
    expect(ids(added).at(-1)).not.toBe(ids(fresh).at(-1));
    // BM25 statistics are those of the whole collection: the same scores for the same passages.
    const terms = ['w:民警', 'w:转账', 'b:诈骗', 'w:客服'].map((term) => ({ term, weight: 1 }));
    const scored = (x: typeof added) =>
      x.index.bm25
        .search(terms, 20)
        .map((h) => `${x.index.passage(h.doc)!.id} ${h.score.toFixed(9)}`)
        .sort();
    expect(scored(added)).toEqual(scored(fresh));
  });

  it('rebuilds instead of appending when the live index is damaged, and keeps the old one live if appending fails', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    addArticle(seeds, 'zzzz-a.txt');
    // A crash after the new files are written: the previous generation stays live.
    await expect(
      ensureIndex({
        seedsDir: seeds,
        outDir: out,
        embedder: e,
        onStage: (s) => {
          if (s === 'saved') throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect((await loadIndex(out, e)).manifest.corpusHash).toBe(first.index.manifest.corpusHash);
    // A damaged live file: the append refuses it and the full build repairs the index.
    const live = (await loadIndex(out, e)).dir;
    const path = join(live, 'articles.jsonl');
    const bytes = readFileSync(path);
    bytes[10] ^= 1;
    writeFileSync(path, bytes);
    const repaired = await updateIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(repaired.reason).not.toMatch(/appended/);
    const after = await loadIndex(out, e);
    expect(after.passages.some((p) => p.source === 'zzzz-a.txt')).toBe(true);
    // The same for the passage file, which an append copies as a stream and checks as it
    // copies: the damage is found after part of it is written, and the build repairs it.
    const passagesPath = join(after.dir, 'passages.jsonl');
    const passageBytes = readFileSync(passagesPath);
    passageBytes[passageBytes.length - 5] ^= 1;
    writeFileSync(passagesPath, passageBytes);
    writeFileSync(join(seeds, 'zzzz-b.txt'), synthArticle(seedArticles(SEEDS_DIR)[2], mulberry32(7)));
    const again = await updateIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(again.reason).not.toMatch(/appended/);
    const last = await loadIndex(out, e);
    expect(last.dir).not.toBe(after.dir);
    expect(last.passages.some((p) => p.source === 'zzzz-b.txt')).toBe(true);
    expect(readdirSync(out).filter((d) => d.startsWith('tmp-'))).toEqual([]);
  });

  it('verifies an up-to-date index without loading it, and rebuilds a damaged one', async () => {
    const seeds = corpus();
    const e = createEmbedder({ provider: 'hashing', dimensions: 64 });
    const out = tmp();
    await updateIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect((await updateIndex({ seedsDir: seeds, outDir: out, embedder: e })).upToDate).toBe(true);
    const path = join((await loadIndex(out, e)).dir, 'bm25.bin');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    const r = await updateIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.upToDate).toBe(false);
    expect(r.reason).toMatch(/checksum/);
    expect((await loadIndex(out, e)).manifest.passageCount).toBeGreaterThan(100);
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
