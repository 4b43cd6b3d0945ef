import {
  appendFileSync,
  cpSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../../bench/synthetic.js';
import { createEmbedder, type Embedder } from '../../src/index/embedders.js';
import { HashingEmbeddings } from '../../src/index/hashing-embeddings.js';
import { ensureIndex, NoArticlesError } from '../../src/index/ingest.js';
import { type BuildStage, INDEX_FILES, loadIndex } from '../../src/index/store.js';
import { Bm25Index, passageTokens } from '../../src/retrieval/bm25.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { seedsCopy, tmp } from '../helpers/tmp.js';

/** Hashing embedder that counts the texts it embeds. */
class CountingEmbeddings extends Embeddings {
  count = 0;
  private inner = new HashingEmbeddings({ dimensions: 64 });
  async embedDocuments(texts: string[]) {
    this.count += texts.length;
    return this.inner.embedDocuments(texts);
  }
  async embedQuery(text: string) {
    return this.inner.embedQuery(text);
  }
}
function counting(): Embedder & { embeddings: CountingEmbeddings } {
  return { embeddings: new CountingEmbeddings({}), id: 'counting-64' };
}

describe('ensureIndex', () => {
  it('builds, then skips an unchanged corpus, then embeds only a new article', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = counting();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(first.report.upToDate).toBe(false);
    expect(first.report.articles).toBeGreaterThanOrEqual(5);
    expect(e.embeddings.count).toBe(first.report.passages);

    const second = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(second.report.upToDate).toBe(true);
    expect(e.embeddings.count).toBe(first.report.passages);

    writeFileSync(
      join(seeds, '005_new.txt'),
      '警惕新型诈骗\n\n近日，有人冒充快递客服称包裹丢失可以理赔，诱导受害人下载会议软件共享屏幕。民警提醒：正规客服不会要求共享屏幕或转账。',
    );
    const before = e.embeddings.count;
    const third = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(third.report.articles).toBe(first.report.articles + 1);
    expect(third.report.reused).toBe(first.report.passages);
    expect(e.embeddings.count - before).toBe(third.report.passages - first.report.passages);
    expect(third.index.passages.some((p) => p.source === '005_new.txt')).toBe(true);
  });

  it('rebuilds when the configured embedder differs from the one the index was built with', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    await ensureIndex({
      seedsDir: seeds,
      outDir: out,
      embedder: createEmbedder({ provider: 'hashing', dimensions: 64 }),
    });
    const other = createEmbedder({ provider: 'hashing', dimensions: 128 });
    await expect(loadIndex(out, other)).rejects.toMatchObject({ problem: 'embedder' });
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: other });
    expect(r.report.reason).toMatch(/embedder hashing-v2-64.*hashing-v2-128/);
    expect(r.index.manifest.embedder.dimensions).toBe(128);
  });

  it('keeps the existing index when the seeds yield no article', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = counting();
    const built = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    for (const f of readdirSync(seeds)) rmSync(join(seeds, f), { recursive: true, force: true });
    writeFileSync(join(seeds, 'bad.txt'), Buffer.from([0xd5, 0xe2, 0xca, 0xc7]));
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.report.warnings.join('\n')).toMatch(/existing index was kept/);
    expect(r.report.skipped[0]).toMatchObject({ source: 'bad.txt' });
    expect(r.index.manifest.articles).toHaveLength(built.report.articles);
    // And with no index to fall back on, it is an error naming the files.
    await expect(ensureIndex({ seedsDir: seeds, outDir: tmp(), embedder: e })).rejects.toThrow(NoArticlesError);
    await expect(ensureIndex({ seedsDir: seeds, outDir: tmp(), embedder: e })).rejects.toThrow(
      /bad\.txt: not valid UTF-8/,
    );
  });
});

describe('loadIndex detects damage', () => {
  async function built() {
    const out = tmp();
    const e = counting();
    const seeds = seedsCopy();
    const { index } = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    return { out, e, dir: index.dir, seeds };
  }

  // Every file of a generation, damaged in each way a crash, a disk or a hand can damage it.
  const damages = {
    truncated: (p: string) => truncateSync(p, Math.floor(statSync(p).size / 2)),
    altered: (p: string) => {
      const b = readFileSync(p);
      b[Math.floor(b.length / 2)] ^= 0x20;
      writeFileSync(p, b);
    },
    missing: (p: string) => rmSync(p),
  } as const;
  const cases = INDEX_FILES.flatMap((file) =>
    (Object.keys(damages) as (keyof typeof damages)[]).map((how) => [file, how] as const),
  );

  it.each(cases)('%s %s: detected by loadIndex, rebuilt by ensureIndex', async (file, how) => {
    const { out, e, dir, seeds } = await built();
    const passages = (await loadIndex(out, e)).manifest.passageCount;
    damages[how](join(dir, file));
    await expect(loadIndex(out, e)).rejects.toMatchObject({
      problem: 'corrupt',
      message: expect.stringContaining(`${file} is ${how === 'missing' ? 'missing' : 'truncated or altered'}`),
    });
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.report.upToDate).toBe(false);
    expect(r.report.reason).toContain(file);
    const again = await loadIndex(out, e);
    expect(again.manifest.passageCount).toBe(passages);
    expect(again.bm25.size).toBe(passages);
  });

  it('a missing index', async () => {
    await expect(loadIndex(tmp(), counting())).rejects.toMatchObject({ problem: 'missing' });
  });

  it('a manifest whose count does not match', async () => {
    const { out, e, dir } = await built();
    const p = join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    m.passageCount += 1;
    writeFileSync(p, JSON.stringify(m));
    await expect(loadIndex(out, e)).rejects.toMatchObject({
      problem: 'corrupt',
      message: expect.stringMatching(/holds \d+ vectors/),
    });
  });

  it('ensureIndex repairs a damaged index by rebuilding from the seeds', async () => {
    const { out, e, dir } = await built();
    appendFileSync(join(dir, 'hnswlib.index'), 'garbage');
    const seeds = seedsCopy();
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.report.reason).toMatch(/checksum/);
    expect((await loadIndex(out, e)).manifest.passageCount).toBe(r.report.passages);
  });
});

describe('crash safety', () => {
  const stages: BuildStage[] = ['embedded', 'saved', 'manifest', 'synced', 'swapped'];

  it.each(stages)('a crash after stage "%s" leaves a usable index', async (stage) => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = counting();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    writeFileSync(join(seeds, '009_more.txt'), '民警提醒：陌生人要求出租银行卡，是帮助诈骗团伙洗钱，属于违法犯罪。');
    await expect(
      ensureIndex({
        seedsDir: seeds,
        outDir: out,
        embedder: e,
        keepPreviousOnError: false,
        onStage: (s) => {
          if (s === stage) throw new Error(`simulated crash after ${s}`);
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    const after = await loadIndex(out, e);
    // Before the swap the old generation is live; from the swap on, the new one.
    const expected = stage === 'swapped' ? first.report.passages + 1 : first.report.passages;
    expect(after.manifest.passageCount).toBe(expected);
    expect(readdirSync(out).filter((n) => n.startsWith('tmp-'))).toEqual([]);
    // The next run finishes the job.
    const next = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(next.index.passages.some((p) => p.source === '009_more.txt')).toBe(true);
  });

  it('a failure while the corpus streams into a full build leaves the old index live and no temp files', async () => {
    // Enough passages for several batches (pipeline.ts streams 1024 at a time).
    const seeds = join(tmp(), 'seeds');
    writeSyntheticCorpus(SEEDS_DIR, seeds, 3000, 120);
    const out = tmp();
    const e = counting();
    const first = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    // The second batch of passages fails to embed: files of the new generation are half written.
    let calls = 0;
    const failing = counting();
    failing.embeddings.embedDocuments = async (texts: string[]) => {
      if (++calls === 2) throw new Error('embeddings service went away');
      return new HashingEmbeddings({ dimensions: 64 }).embedDocuments(texts);
    };
    await expect(
      ensureIndex({ seedsDir: seeds, outDir: out, embedder: failing, force: true, keepPreviousOnError: false }),
    ).rejects.toThrow(/went away/);
    expect(calls).toBe(2);
    expect(first.report.passages).toBeGreaterThan(2048);
    expect(readdirSync(out).filter((n) => n.startsWith('tmp-'))).toEqual([]);
    const after = await loadIndex(out, e);
    expect(after.dir).toBe(first.index.dir);
    expect(after.manifest.passageCount).toBe(first.report.passages);
    const next = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e, force: true });
    expect(next.index.dir).not.toBe(first.index.dir);
    expect(next.report.passages).toBe(first.report.passages);
  });

  it('a killed process (leftover temp directory) does not disturb the next build', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = counting();
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    const live = (await loadIndex(out, e)).dir;
    cpSync(live, join(out, 'tmp-gen-crashed'), { recursive: true });
    truncateSync(join(out, 'tmp-gen-crashed', 'hnswlib.index'), 10);
    writeFileSync(join(out, 'CURRENT.tmp-999'), 'tmp-gen-crashed');
    expect((await loadIndex(out, e)).dir).toBe(live);
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e, force: true });
    expect(readdirSync(out).some((n) => n.includes('crashed') || n.startsWith('CURRENT.tmp'))).toBe(false);
  });
});

describe('loaded files', () => {
  it('the passages file, the docstore and the BM25 file give back what was built', async () => {
    const out = tmp();
    const e = counting();
    const { index: built } = await ensureIndex({ seedsDir: seedsCopy(), outDir: out, embedder: e });
    const loaded = await loadIndex(out, e);
    expect(loaded.passages).toEqual(built.passages);
    expect(loaded.passages.every((p) => p.kind === 'news' || p.kind === 'guide')).toBe(true);
    // HNSWLib answers through our docstore: the nearest passage to a passage's own vector is itself.
    const label = Math.floor(loaded.passages.length / 2);
    const [[doc]] = await loaded.store.similaritySearchVectorWithScore(loaded.store.index.getPoint(label), 1);
    expect(doc.pageContent).toBe(loaded.passages[label].text);
    expect(doc.metadata).toMatchObject({ label, id: loaded.passages[label].id, textHash: loaded.hashes[label] });
    // The persisted lexical index scores exactly like one built from the passages now.
    const fresh = Bm25Index.fromTokens(loaded.passages.map((p) => passageTokens(p.text)));
    const query = [
      { term: 'w:诈骗', weight: 1 },
      { term: 'b:民警', weight: 0.5 },
      { term: 'w:转账', weight: 1 },
    ];
    expect(loaded.bm25.search(query, 10)).toEqual(fresh.search(query, 10));
    expect(loaded.bm25.search(query, 10).length).toBeGreaterThan(0);
    // Articles are parsed on demand and match the source of each passage.
    const p = loaded.passages[label];
    expect(loaded.article(p.source)?.paragraphs[p.paragraphIndex].text).toContain(p.text);
    expect(loaded.article('no-such-file.txt')).toBeUndefined();
  });
});
