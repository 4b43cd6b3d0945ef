import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/index/build.js';
import type { Embedder } from '../../src/index/embedders.js';
import { tmp } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');

/** An embedder of fixed 4-dimensional vectors. */
const embedder = {
  id: 'fixed-4',
  embeddings: { embedDocuments: async (t: string[]) => t.map((_, i) => [1, i, 0, 0]) },
} as unknown as Embedder;

/**
 * Runs an ESM TypeScript file in a fresh Node process (not `-e`, which may end with
 * threads still running); a process kept alive by a worker thread times out.
 */
function runAlone(code: string): { status: number | null; out: string } {
  const file = join(tmp(), 'scenario.mts');
  writeFileSync(file, code.replaceAll("'./src/", `'${ROOT}/src/`));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the graph worker thread', () => {
  it('reports a failed insert when the graph is written, instead of never answering', async () => {
    const g = new GraphBuilder(embedder, { m: 'bad' as never, efConstruction: 10, efSearch: 10 }, undefined, 10);
    await g.add(['a', 'b'], ['ha', 'hb']);
    await expect(g.finish().write(join(tmp(), 'x.index'))).rejects.toThrow(/HNSW graph failed/);
  });

  it('is stopped when a build fails after the graph was made: the process ends', () => {
    const r = runAlone(`
      import { mkdtempSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { writeIndex } from './src/index/build.ts';
      const dir = mkdtempSync(join(tmpdir(), 'fzzs-graph-'));
      const embedder = { id: 'fixed-4', embeddings: { embedDocuments: async (t) => t.map((_, i) => [1, i, 0, 0]) } };
      const passages = [{ id: 'a#0', source: 'a.txt', title: 'a', text: '测试一下', start: 0, end: 4, paragraphIndex: 0 }];
      const articles = [{ source: 'a.txt', title: 'a', meta: {}, raw: '测试一下',
        cleaned: { paragraphs: [{ index: 0, text: '测试一下', start: 0, end: 4 }], script: 'simplified', text: '测试一下' } }];
      try {
        await writeIndex(dir, embedder, articles, passages, 'h', { onStage: (s) => { if (s === 'embedded') throw new Error('crash'); } });
      } catch (e) { console.log('threw:', e.message); }
      rmSync(dir, { recursive: true, force: true });
    `);
    expect(r.out).toContain('threw: crash');
    expect(r.status).toBe(0);
  });

  it('stops between two insertions when a build fails while it inserts: the process is not aborted', () => {
    // Terminating the thread inside hnswlib-node's addPoint aborted the process with a
    // FATAL ERROR about one time in four; each round here stops it at another moment.
    const r = runAlone(`
      import { GraphBuilder } from './src/index/build.ts';
      const embedder = { id: 'x', embeddings: { embedDocuments: async () => { throw new Error('unused'); } } };
      const n = 20000;
      const dims = 256;
      const passages = Array.from({ length: n }, (_, i) => ({ id: String(i), text: String(i) }));
      const hashes = passages.map((p) => p.id);
      const vectors = passages.map((_, i) => Float32Array.from({ length: dims }, (_, k) => Math.sin(i * 7 + k)));
      for (let round = 0; round < 16; round++) {
        const g = new GraphBuilder(embedder, { m: 8, efConstruction: 32, efSearch: 64 }, undefined, n);
        await g.add(hashes, hashes, vectors);
        await new Promise((r) => setTimeout(r, 5 + round * 9));
        await g.close();
      }
      console.log('all stopped');
    `);
    expect(r.out).not.toContain('FATAL');
    expect(r.out).toContain('all stopped');
    expect(r.status).toBe(0);
  });

  it('finishes writing its file before it ends when a build stops it then: the process is not aborted', () => {
    // A build whose other files fail while the graph writes its own stops the graph then.
    // The first round times insertion + write; the others stop the thread at moments
    // spread over the end of that span, where the write is.
    const r = runAlone(`
      import { mkdtempSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { GraphBuilder } from './src/index/build.ts';
      const dir = mkdtempSync(join(tmpdir(), 'fzzs-graph-'));
      const embedder = { id: 'x', embeddings: { embedDocuments: async () => { throw new Error('unused'); } } };
      const n = 30000;
      const passages = Array.from({ length: n }, (_, i) => ({ id: String(i), text: String(i) }));
      const hashes = passages.map((p) => p.id);
      const vectors = passages.map((_, i) => Float32Array.from({ length: 256 }, (_, k) => Math.sin(i * 7 + k)));
      const build = async () => {
        const g = new GraphBuilder(embedder, { m: 4, efConstruction: 8, efSearch: 16 }, undefined, n);
        await g.add(hashes, hashes, vectors);
        return g;
      };
      let g = await build();
      let t0 = performance.now();
      await g.finish().write(join(dir, 'whole.index'));
      const span = performance.now() - t0;
      let stopped = 0;
      for (let round = 0; round < 12; round++) {
        g = await build();
        const written = g.finish().write(join(dir, 'g' + round + '.index'));
        await new Promise((r) => setTimeout(r, span * (0.7 + round * 0.03)));
        await g.close();
        if (await written.then(() => false, () => true)) stopped++;
      }
      rmSync(dir, { recursive: true, force: true });
      console.log('all stopped', stopped);
    `);
    expect(r.out).not.toContain('FATAL');
    expect(r.out).toMatch(/all stopped [1-9]/);
    expect(r.status).toBe(0);
  });
});
