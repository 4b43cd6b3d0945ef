/**
 * What makes a cold start fast must not change what is loaded: passages parsed on use,
 * the composer's library read from library.json, and index files read and hashed by
 * prefetchIndex before loadIndex is called (issue 11).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../src/answer/compose.js';
import { libraryOf } from '../../src/answer/engine.js';
import {
  decodeLibrary,
  encodeLibrary,
  LibraryBuilder,
  libraryPart,
  shiftLibrary,
} from '../../src/answer/library-file.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { articleRuns } from '../../src/index/encode-article.js';
import { ensureIndex } from '../../src/index/ingest.js';
import { LazyPassages, parsePassages } from '../../src/index/passage-file.js';
import { prefetchIndex } from '../../src/index/prefetch.js';
import { loadIndex } from '../../src/index/store.js';
import { lazyHant, RED_FLAGS } from '../../src/knowledge/red-flags.js';
import { HybridRetriever } from '../../src/retrieval/hybrid.js';
import { toTraditional } from '../../src/text/script.js';
import { seedsCopy, tmp } from '../helpers/tmp.js';

const embedder = () => createEmbedder({ provider: 'hashing', dimensions: 64 });

async function built() {
  const out = tmp();
  const e = embedder();
  const { index } = await ensureIndex({ seedsDir: seedsCopy(), outDir: out, embedder: e });
  return { out, e, dir: index.dir };
}

describe('passages parsed on use', () => {
  it('gives the passages and hashes of a whole parse, line by line and all at once', async () => {
    const { dir } = await built();
    const path = join(dir, 'passages.jsonl');
    const bytes = readFileSync(path);
    const whole = parsePassages(bytes.toString('utf8'), path);
    const lazy = new LazyPassages(bytes, path);
    expect(lazy.length).toBe(whole.passages.length);
    const last = lazy.length - 1;
    for (const label of [last, 0, Math.floor(last / 2)]) {
      expect(lazy.passage(label)).toEqual(whole.passages[label]);
      expect(lazy.hash(label)).toBe(whole.hashes[label]);
    }
    expect(lazy.passage(lazy.length)).toBeUndefined();
    expect(lazy.passage(-1)).toBeUndefined();
    expect(lazy.passage(0.5)).toBeUndefined();
    expect(lazy.all()).toEqual(whole);
    // Ids map to labels from the line starts alone.
    const fresh = new LazyPassages(bytes, path);
    for (const [label, p] of whole.passages.entries()) expect(fresh.labelOf(p.id)).toBe(label);
    expect(fresh.labelOf('no-such-id')).toBeUndefined();
  });

  it('maps an id that JSON had to escape', () => {
    const line = (id: string) => `${JSON.stringify([id, 's.txt', 'T', 0, 0, 2, 'h', '文本', null, 'news'])}\n`;
    const lazy = new LazyPassages(Buffer.from(line('plain') + line('with "quotes" \\ and more')), 'p.jsonl');
    expect(lazy.labelOf('with "quotes" \\ and more')).toBe(1);
    expect(lazy.labelOf('plain')).toBe(0);
  });

  it('refuses a file cut inside a line, and names a malformed line when it is read', () => {
    const good = `${JSON.stringify(['a', 's.txt', 'T', 0, 0, 2, 'h', '文本', null, 'news'])}\n`;
    expect(() => new LazyPassages(Buffer.from(good.slice(0, -3)), 'p.jsonl')).toThrow(/does not end with a newline/);
    const lazy = new LazyPassages(Buffer.from(`${good}{"not":"a passage"}\n`), 'p.jsonl');
    expect(lazy.passage(0)?.text).toBe('文本');
    expect(() => lazy.passage(1)).toThrow(/line 2 is not a passage/);
  });

  it('loadIndex serves single passages without parsing them all, and all of them on request', async () => {
    const { out, e } = await built();
    const loaded = await loadIndex(out, e);
    const again = await loadIndex(out, e);
    const label = 7;
    expect(loaded.passage(label)).toEqual(again.passages[label]);
    expect(loaded.passages.length).toBe(loaded.manifest.passageCount);
    expect(loaded.hashes.length).toBe(loaded.manifest.passageCount);
    // The one passage parsed before is the same object in the full list.
    expect(loaded.passages[label]).toBe(loaded.passage(label));
  });
});

describe('the library written at ingest', () => {
  it('is what buildLibrary finds over the loaded passages and articles', async () => {
    const { out, e } = await built();
    const loaded = await loadIndex(out, e);
    const stored = libraryOf(new HybridRetriever(loaded));
    const fresh = buildLibrary(loaded.passages, loaded.articles);
    // Through the file format, so that Maps compare entry by entry.
    expect(JSON.parse(encodeLibrary(stored))).toEqual(JSON.parse(encodeLibrary(fresh)));
    expect(stored.cases.length).toBeGreaterThan(0);
    expect(stored.pages.size).toBeGreaterThan(0);
    expect(stored.passage(stored.cases[0].lines[0].label)).toEqual(loaded.passage(stored.cases[0].lines[0].label));
  });

  it('is the same file when built article by article, as a build writes it (guide pages included)', async () => {
    const { out, e } = await built();
    const loaded = await loadIndex(out, e);
    const whole = encodeLibrary(buildLibrary(loaded.passages, loaded.articles));
    // Each article's part built at label 0 (in a preparing thread), moved to where it lies.
    const b = new LibraryBuilder();
    const runs = articleRuns(loaded.articles, loaded.passages);
    expect(runs.filter((r) => r.to > r.from).length).toBeGreaterThan(20);
    for (const { article, from, to } of runs)
      b.addPart(shiftLibrary(libraryPart(loaded.passages.slice(from, to), [article], 0), from));
    expect(b.encode()).toBe(whole);
  });

  it('refuses a file of another version', () => {
    expect(() => decodeLibrary('{"version":0}', () => undefined as never)).toThrow(/version/);
  });
});

describe('prefetchIndex', () => {
  it('loadIndex uses the reads it started and loads the same index', async () => {
    const { out, e } = await built();
    const plain = await loadIndex(out, e);
    prefetchIndex(out);
    const prefetched = await loadIndex(out, e);
    expect(prefetched.dir).toBe(plain.dir);
    expect(prefetched.passages).toEqual(plain.passages);
    expect(prefetched.bm25.parts.terms).toEqual(plain.bm25.parts.terms);
    // The graph hnswlib read during the prefetch answers like the one read by loadIndex.
    const vector = plain.store.index.getPoint(3);
    expect(prefetched.store.index.getCurrentCount()).toBe(plain.manifest.passageCount);
    expect(prefetched.store.index.searchKnn(vector, 5)).toEqual(plain.store.index.searchKnn(vector, 5));
  });

  it.each(['library.json', 'hnswlib.index', 'args.json'])(
    'a damaged %s read by a prefetch is refused with the usual message',
    async (file) => {
      const { out, e, dir } = await built();
      const p = join(dir, file);
      const b = readFileSync(p);
      b[Math.floor(b.length / 2)] ^= 0x20;
      writeFileSync(p, b);
      prefetchIndex(out);
      await expect(loadIndex(out, e)).rejects.toMatchObject({
        problem: 'corrupt',
        message: expect.stringContaining(`${file} is truncated or altered`),
      });
    },
  );

  it('does nothing without an index, and loadIndex then reports the missing index', async () => {
    const out = tmp();
    prefetchIndex(out);
    prefetchIndex(join(out, 'no', 'such', 'dir'));
    await expect(loadIndex(out, embedder())).rejects.toMatchObject({ problem: 'missing' });
  });
});

describe('Traditional labels converted on first read', () => {
  it('equal the conversion of the Simplified text, and show in JSON and spreads', () => {
    const t = lazyHant('冒充客服', 'fake customer service');
    expect(t.zhHant).toBe(toTraditional('冒充客服', 'tw'));
    expect(JSON.parse(JSON.stringify(t))).toEqual({ zh: '冒充客服', zhHant: t.zhHant, en: 'fake customer service' });
    expect({ ...t }.zhHant).toBe(t.zhHant);
    for (const f of RED_FLAGS.slice(0, 5)) expect(f.label.zhHant).toBe(toTraditional(f.label.zh, 'tw'));
  });
});
