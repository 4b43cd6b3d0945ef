import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLiveEngine } from '../../src/live/live-engine.js';
import { MAX_UPLOAD_BYTES, safeFileName, saveUpload, validateUpload } from '../../src/live/upload.js';
import { watchSeeds } from '../../src/live/watch-seeds.js';
import { tmp } from '../helpers/tmp.js';

const ARTICLE =
  '警惕冒充客服诈骗\n\n近日，市民张女士接到自称快递客服的电话，称其包裹丢失可以理赔。对方诱导她下载会议软件并共享屏幕，随后转走了她卡里的钱。\n\n民警提醒：正规客服不会要求共享屏幕，更不会让你转账。';

describe('live engine', () => {
  it('answers from the current engine while a rebuild runs, then swaps', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const live = createLiveEngine('v1', async () => {
      await gate;
      return { deps: 'v2', report: { passages: 2 } };
    });
    const pending = live.refresh('test');
    expect(live.current()).toBe('v1');
    release();
    const result = await pending;
    expect(result.ok).toBe(true);
    expect(live.current()).toBe('v2');
  });

  it('keeps the current engine when a rebuild fails, and says why', async () => {
    const live = createLiveEngine('v1', async () => {
      throw new Error('disk full');
    });
    const result = await live.refresh('test');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe('disk full');
    expect(live.current()).toBe('v1');
  });

  it('coalesces refreshes requested during a rebuild into one more', async () => {
    let builds = 0;
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    const live = createLiveEngine(0, async () => {
      builds++;
      await gate;
      return { deps: builds, report: null };
    });
    const first = live.refresh('a');
    const second = live.refresh('b');
    const third = live.refresh('c');
    const r1 = release;
    gate = Promise.resolve();
    r1();
    await Promise.all([first, second, third]);
    expect(builds).toBe(2);
    expect(live.current()).toBe(2);
  });

  it('tells listeners about each swap', async () => {
    const seen: string[] = [];
    const live = createLiveEngine('a', async () => ({ deps: 'b', report: 'r' }));
    live.onSwap((d, r) => seen.push(`${d}/${r}`));
    await live.refresh('x');
    expect(seen).toEqual(['b/r']);
  });
});

describe('seeds watcher', () => {
  it('calls back once for a burst of article files and ignores editor temp files', async () => {
    const dir = tmp();
    const calls: string[][] = [];
    const stop = watchSeeds(dir, (files) => calls.push(files), { debounceMs: 200 });
    try {
      writeFileSync(join(dir, '.swp'), 'x');
      writeFileSync(join(dir, 'a.txt'), ARTICLE);
      writeFileSync(join(dir, 'b.md'), ARTICLE);
      const deadline = Date.now() + 5000;
      while (calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 400));
    } finally {
      stop();
    }
    expect(calls).toHaveLength(1);
    expect(calls[0].sort()).toEqual(['a.txt', 'b.md']);
  });
});

describe('uploads', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('refuses what ingestion would refuse, naming the problem', () => {
    expect(validateUpload('a.pdf', bytes(ARTICLE))).toMatchObject({ reason: expect.stringContaining('.txt and .md') });
    expect(validateUpload('a.txt', new Uint8Array(0))).toMatchObject({ reason: expect.stringContaining('empty') });
    expect(validateUpload('a.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).toMatchObject({
      reason: expect.stringContaining('binary'),
    });
    expect(validateUpload('a.txt', new Uint8Array([0xd5, 0xe2, 0xca, 0xc7, 0xb2, 0xe2, 0xca, 0xd4]))).toMatchObject({
      reason: expect.stringContaining('UTF-8'),
    });
    expect(validateUpload('a.txt', new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41))).toMatchObject({
      reason: expect.stringContaining('limit'),
    });
    expect(validateUpload('a.txt', bytes(ARTICLE))).toMatchObject({ text: ARTICLE });
  });

  it('saves news and guide pages, never overwriting without confirmation', async () => {
    const seeds = tmp();
    const first = await saveUpload(seeds, '../../etc/新文章.txt', bytes(ARTICLE));
    expect(first).toMatchObject({ status: 'saved', kind: 'news', replaced: false });
    expect(first.status === 'saved' && first.path).toBe(join(seeds, '新文章.txt'));
    expect(await saveUpload(seeds, '新文章.txt', bytes(`${ARTICLE}\n更新`))).toEqual({
      status: 'exists',
      name: '新文章.txt',
    });
    expect(readFileSync(join(seeds, '新文章.txt'), 'utf8')).toBe(ARTICLE);
    expect(await saveUpload(seeds, '新文章.txt', bytes(`${ARTICLE}\n更新`), { overwrite: true })).toMatchObject({
      status: 'saved',
      replaced: true,
    });
    const page = '---\nid: test\ntopic: situation\nlang: en\ntitle: Test\n---\n## What to do {#todo}\n- Call 110.\n';
    const guide = await saveUpload(seeds, 'test.md', bytes(page));
    expect(guide).toMatchObject({ status: 'saved', kind: 'guide' });
    expect(existsSync(join(seeds, 'guide', 'en', 'test.md'))).toBe(true);
  });

  it('makes file names safe', () => {
    expect(safeFileName('../../x/y z?.txt')).toBe('y_z_.txt');
    expect(safeFileName('..hidden.txt')).toBe('hidden.txt');
    expect(safeFileName('反诈 案例.md')).toBe('反诈_案例.md');
  });
});
