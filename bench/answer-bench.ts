/**
 * `npm run bench:answer`: answer latency. Warm in-process p50/p95 on the seed corpus and
 * on a 100k-passage synthetic corpus, and the wall time of a cold `npm run ask`.
 * Targets: seed p95 ≤ 10 ms, 100k p95 ≤ 30 ms, cold ask ≤ 2 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, type EngineDeps } from '../src/answer/engine.js';
import { loadGolden } from '../src/answer/evaluate.js';
import { createEmbedder } from '../src/index/embedders.js';
import { ensureIndex } from '../src/index/ingest.js';
import { loadIndex, writeIndex } from '../src/index/store.js';
import { HybridRetriever } from '../src/retrieval/hybrid.js';
import { syntheticCorpus } from './synthetic.js';

const ROOT = join(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'seeds');
const questions = loadGolden(join(ROOT, 'tests', 'eval', 'golden.json')).map((i) => i.q);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function measure(label: string, deps: EngineDeps, rounds: number): Promise<void> {
  for (const q of questions) await answer(q, deps); // warm-up: converters, caches, JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      await answer(q, deps);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} n=${String(times.length).padStart(4)}  p50 ${pct(times, 0.5).toFixed(2)} ms  p95 ${pct(times, 0.95).toFixed(2)} ms  max ${times[times.length - 1].toFixed(2)} ms`,
  );
}

const embedder = createEmbedder({ provider: 'hashing' });
console.log('Answer latency (extractive, default embedder; golden-set questions)');

const seedOut = mkdtempSync(join(tmpdir(), 'fzzs-bench-seed-'));
const { index: seedIndex } = await ensureIndex({ seedsDir: SEEDS, outDir: seedOut, embedder });
await measure('seed corpus (145 passages)', { retriever: new HybridRetriever(seedIndex) }, 10);

if (!process.argv.includes('--quick')) {
  const bigOut = mkdtempSync(join(tmpdir(), 'fzzs-bench-100k-'));
  const { articles, passages } = await syntheticCorpus(SEEDS, 100_000);
  await writeIndex(bigOut, embedder, articles, passages, 'bench');
  const t0 = performance.now();
  const big = new HybridRetriever(await loadIndex(bigOut, embedder));
  console.log(`100k corpus: index load + BM25 build ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await measure('synthetic corpus (100k)', { retriever: big }, 2);
  rmSync(bigOut, { recursive: true, force: true });
}

// Cold start: a fresh process answering one question (index already built).
const env = { ...process.env, DATA_DIR: seedOut, SEEDS_DIR: SEEDS };
const colds: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      join(ROOT, 'src', 'cli', 'ask.ts'),
      '--json',
      '什么是杀猪盘？',
    ],
    { env, stdio: 'pipe' },
  );
  colds.push(performance.now() - t0);
}
console.log(
  `cold \`npm run ask\` (tsx + index load + answer): best ${Math.min(...colds).toFixed(0)} ms, worst ${Math.max(...colds).toFixed(0)} ms`,
);
rmSync(seedOut, { recursive: true, force: true });
console.log('Targets: seed p95 ≤ 10 ms; 100k p95 ≤ 30 ms; cold ask ≤ 2000 ms.');
