/**
 * Issue 9 §2 (symlinks out of seeds) and §4 (one bad file must not take the bot down):
 * every odd entry of a seeds directory is skipped with its reason, by loading and by the
 * corpus fingerprint alike; a failed rebuild at start serves the existing index.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../src/corpus/load.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { corpusFingerprint, ensureIndex } from '../../src/index/ingest.js';
import { tmp } from '../helpers/tmp.js';

const article = '民警提醒：接到自称公安的电话要求转账，一定是诈骗。请拨打96110咨询。';

function seedsWithBadEntries(): { dir: string; outside: string } {
  const root = tmp();
  const dir = join(root, 'seeds');
  mkdirSync(dir);
  const outside = join(root, 'secret.txt');
  writeFileSync(outside, '这是一份不在语料目录里的文件，不能被当作文章读入。');
  writeFileSync(join(dir, 'good.txt'), article);
  writeFileSync(
    join(dir, 'target.txt'),
    '近日，市民接到冒充客服的电话，对方要求其下载会议软件。民警提醒：客服不会要求共享屏幕。',
  );
  symlinkSync(join(dir, 'missing.txt'), join(dir, 'dangling.txt'));
  symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
  symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
  symlinkSync(outside, join(dir, 'outside.txt'));
  symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
  symlinkSync(join(dir, 'target.txt'), join(dir, 'inside-link.txt'));
  return { dir, outside };
}

describe('bad entries in the seeds directory', () => {
  it('skips dangling links, link loops and links out of the directory, each with its reason', async () => {
    const { dir } = seedsWithBadEntries();
    const r = await loadSeeds(dir);
    expect(r.articles.map((a) => a.source).sort()).toEqual(['good.txt', 'inside-link.txt', 'target.txt']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.source, s.reason]));
    expect(reasons['dangling.txt']).toMatch(/broken symbolic link/);
    expect(reasons['loop-a.txt']).toMatch(/symbolic link loop/);
    expect(reasons['loop-b.txt']).toMatch(/symbolic link loop/);
    expect(reasons['outside.txt']).toMatch(/outside the seeds directory/);
    expect(reasons['passwd.txt']).toMatch(/outside the seeds directory/);
    expect(r.articles.some((a) => a.raw.includes('root:'))).toBe(false);
  });

  it('the corpus fingerprint reads past them, and changes when a skipped entry changes', async () => {
    const { dir, outside } = seedsWithBadEntries();
    const before = await corpusFingerprint(dir, 'hashing-512');
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(outside, '改过的内容。');
    // Content outside the directory is not part of the corpus.
    expect(await corpusFingerprint(dir, 'hashing-512')).toBe(before);
    writeFileSync(join(dir, 'missing.txt'), article.replace('96110', '110'));
    expect(await corpusFingerprint(dir, 'hashing-512')).not.toBe(before);
  });

  it('builds an index from the good entries (what npm start does)', async () => {
    const { dir } = seedsWithBadEntries();
    const { report } = await ensureIndex({
      seedsDir: dir,
      outDir: join(tmp(), 'index'),
      embedder: createEmbedder({ provider: 'hashing' }),
    });
    expect(report.articles).toBe(3);
    expect(report.skipped.map((s) => s.source).sort()).toEqual([
      'dangling.txt',
      'loop-a.txt',
      'loop-b.txt',
      'outside.txt',
      'passwd.txt',
    ]);
  });
});

describe('an unreadable file', () => {
  // root reads any file whatever its mode, so this case can only be shown as another user.
  it.skipIf(process.getuid?.() === 0)('is skipped with its reason, by loading and by the fingerprint', async () => {
    const dir = join(tmp(), 'seeds');
    mkdirSync(dir);
    writeFileSync(join(dir, 'good.txt'), article);
    writeFileSync(join(dir, 'locked.txt'), article.replace('96110', '110'));
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const r = await loadSeeds(dir);
    expect(r.articles.map((a) => a.source)).toEqual(['good.txt']);
    expect(r.skipped).toEqual([{ source: 'locked.txt', reason: expect.stringMatching(/cannot be read: EACCES/) }]);
    await expect(corpusFingerprint(dir, 'hashing-512')).resolves.toMatch(/^[0-9a-f]{64}$/);
    chmodSync(join(dir, 'locked.txt'), 0o644);
  });
});

describe('a failed rebuild at start', () => {
  it('serves the existing index with a warning when asked to, and fails otherwise', async () => {
    const seeds = join(tmp(), 'seeds');
    mkdirSync(seeds);
    writeFileSync(join(seeds, 'a.txt'), article);
    const outDir = join(tmp(), 'index');
    const embedder = createEmbedder({ provider: 'hashing' });
    const first = await ensureIndex({ seedsDir: seeds, outDir, embedder });
    writeFileSync(
      join(seeds, 'b.txt'),
      '近日，有人冒充公安民警来电，称受害人涉嫌洗钱。民警提醒：公安机关不会通过电话办案。',
    );
    // A rebuild that fails the way a read-only data directory does (EACCES while writing).
    const failing = () => {
      throw Object.assign(new Error("EACCES: permission denied, mkdir 'data/index/tmp-gen-1'"), { code: 'EACCES' });
    };
    await expect(ensureIndex({ seedsDir: seeds, outDir, embedder, onStage: failing })).rejects.toThrow(/EACCES/);
    const served = await ensureIndex({
      seedsDir: seeds,
      outDir,
      embedder,
      onStage: failing,
      keepPreviousOnError: true,
    });
    expect(served.report.articles).toBe(first.report.articles);
    expect(served.index.manifest.corpusHash).toBe(first.index.manifest.corpusHash);
    expect(served.report.warnings.join('\n')).toMatch(
      /Rebuilding the index .* failed: EACCES.*Serving the existing index/s,
    );
  });
});
