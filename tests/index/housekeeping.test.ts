import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/index/embedders.js';
import { DataDirError, IngestLockedError, lockDataDir } from '../../src/index/generations.js';
import { ensureIndex } from '../../src/index/ingest.js';
import { loadIndex } from '../../src/index/store.js';
import { seedsCopy, tmp } from '../helpers/tmp.js';

const embedder = () => createEmbedder({ provider: 'hashing', dimensions: 64 });
const ROOT = join(import.meta.dirname, '..', '..');

describe('housekeeping when the index is opened for writing', () => {
  it('removes temp generations, temp pointers and orphan generations, keeping the live and previous ones', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = embedder();
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    const previous = (await loadIndex(out, e)).dir.split('/').pop()!;
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e, force: true });
    const live = readFileSync(join(out, 'CURRENT'), 'utf8').trim();
    expect(readdirSync(out)).toContain(previous);
    // What a kill -9 at various points leaves behind.
    cpSync(join(out, live), join(out, 'tmp-gen-1-crashed'), { recursive: true });
    writeFileSync(join(out, 'CURRENT.tmp-4242'), 'gen-9999999999999-orphan\n');
    cpSync(join(out, live), join(out, 'gen-9999999999999-orphan'), { recursive: true }); // renamed into place, never made live
    cpSync(join(out, live), join(out, 'gen-1-ancient'), { recursive: true }); // older than the previous one
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e, force: true });
    const names = readdirSync(out);
    expect(names.filter((n) => /crashed|orphan|ancient|CURRENT\.tmp/.test(n))).toEqual([]);
    // The generation that was live before this build is kept for a bot still reading it.
    expect(names).toContain(live);
    expect(names.filter((n) => n.startsWith('gen-'))).toHaveLength(2);
  });

  it('never deletes the temporary generation of a build that is still running', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const e = embedder();
    await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    const running = await lockDataDir(out); // another build holds the lock…
    mkdirSync(join(out, 'tmp-gen-2-running')); // …and is writing its generation
    writeFileSync(join(seeds, '010_new.txt'), '民警提醒：任何让你下载会议软件共享屏幕的“客服”都是骗子。');
    const err = await ensureIndex({
      seedsDir: seeds,
      outDir: out,
      embedder: e,
      lockWaitMs: 300,
      keepPreviousOnError: false,
    }).catch((x: unknown) => x);
    // A bot keeps serving the index it has, saying why it is not rebuilt.
    const served = await ensureIndex({
      seedsDir: seeds,
      outDir: out,
      embedder: e,
      lockWaitMs: 300,
      keepPreviousOnError: true,
    });
    expect(served.report.warnings.join('\n')).toMatch(/another ingest is running/i);
    expect(err).toBeInstanceOf(IngestLockedError);
    expect((err as Error).message).toMatch(new RegExp(`another ingest is running \\(pid ${process.pid}\\)`, 'i'));
    expect(existsSync(join(out, 'tmp-gen-2-running'))).toBe(true);
    await running.release();
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: e });
    expect(r.index.passages.some((p) => p.source === '010_new.txt')).toBe(true);
    expect(existsSync(join(out, 'tmp-gen-2-running'))).toBe(false);
  });

  it('two ingests at once in one process: the second waits, then finds the index up to date', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const [a, b] = await Promise.all([
      ensureIndex({ seedsDir: seeds, outDir: out, embedder: embedder() }),
      ensureIndex({ seedsDir: seeds, outDir: out, embedder: embedder() }),
    ]);
    expect([a.report.upToDate, b.report.upToDate].sort()).toEqual([false, true]);
    expect((await loadIndex(out, embedder())).manifest.passageCount).toBe(a.report.passages);
  });

  it('two ingest processes at once in one directory both succeed and leave one live index', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const run = () =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/cli/ingest.ts'), '--seeds', seeds, '--out', out, '--force', '--quiet'],
        {
          cwd: ROOT,
          env: { ...process.env, EMBEDDINGS_DIMENSIONS: '64' },
        },
      );
    const results = await Promise.all([run(), run()]);
    for (const r of results) expect(r.stdout).toMatch(/Ingested \d+ article/);
    const live = readFileSync(join(out, 'CURRENT'), 'utf8').trim();
    expect(readdirSync(out).filter((n) => n.startsWith('tmp-'))).toEqual([]);
    expect(existsSync(join(out, live, 'manifest.json'))).toBe(true);
  });

  it('takes over a lock left by a killed process at once', async () => {
    const seeds = seedsCopy();
    const out = tmp();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(out, 'ingest.lock'));
    writeFileSync(join(out, 'ingest.pid'), `${dead}\n`);
    const t0 = performance.now();
    const r = await ensureIndex({ seedsDir: seeds, outDir: out, embedder: embedder(), lockWaitMs: 5000 });
    expect(r.report.upToDate).toBe(false);
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(existsSync(join(out, 'ingest.lock'))).toBe(false);
  });
});

describe('a data directory that cannot hold an index', () => {
  it('is a file: says so and what to do', async () => {
    const file = join(tmp(), 'data');
    writeFileSync(file, 'not a directory');
    const e = embedder();
    await expect(loadIndex(file, e)).rejects.toThrow(DataDirError);
    await expect(ensureIndex({ seedsDir: seedsCopy(), outDir: file, embedder: e })).rejects.toThrow(
      /data directory .* is a file, not a directory: move the file away or set DATA_DIR/i,
    );
  });

  it('has a directory named CURRENT: says so and what to do', async () => {
    const out = tmp();
    mkdirSync(join(out, 'CURRENT'));
    const e = embedder();
    await expect(loadIndex(out, e)).rejects.toThrow(/CURRENT is a directory.*remove it/);
    await expect(ensureIndex({ seedsDir: seedsCopy(), outDir: out, embedder: e })).rejects.toThrow(DataDirError);
  });
});
