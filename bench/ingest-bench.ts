/**
 * `npm run bench:ingest`: ingestion throughput on synthetic corpora of 10k and 100k
 * passages (seed sentences recombined). Each size runs in a fresh child process so its
 * peak RSS is its own. Targets: ≥ 5,000 passages/s with the default embedder, 100k
 * passages ≤ 60 s, peak RSS ≤ 1 GB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from '../src/index/embedders.js';
import { writeIndex } from '../src/index/store.js';
import { syntheticCorpus } from './synthetic.js';

const SEEDS = join(import.meta.dirname, '..', 'seeds');

function dirSize(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}

async function runOne(size: number): Promise<void> {
  const { articles, passages } = await syntheticCorpus(SEEDS, size);
  const out = mkdtempSync(join(tmpdir(), 'fzzs-bench-'));
  const workers = Math.min(4, Math.max(0, availableParallelism() - 1));
  const embedder = createEmbedder({ provider: 'hashing', workers });
  const t0 = performance.now();
  let tEmbed = 0;
  await writeIndex(out, embedder, articles, passages, 'bench', {
    onStage: (s) => {
      if (s === 'embedded') tEmbed = performance.now() - t0;
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const result = {
    passages: size,
    wallSeconds: +wall.toFixed(2),
    passagesPerSecond: Math.round(size / wall),
    embedAndGraphSeconds: +(tEmbed / 1000).toFixed(2),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    workers,
    indexMB: +(dirSize(out) / 1e6).toFixed(1),
  };
  rmSync(out, { recursive: true, force: true });
  console.log(JSON.stringify(result));
}

const arg = process.argv.indexOf('--size');
if (arg > 0) {
  await runOne(Number(process.argv[arg + 1]));
} else {
  const sizes = process.argv.includes('--quick') ? [10_000] : [10_000, 100_000];
  console.log(`Ingestion benchmark (default hashing embedder, 512 dims, ${Math.min(4, Math.max(0, availableParallelism() - 1))} embedding worker(s); each size in its own process)`);
  console.log('passages   wall s   passages/s   embed+graph s   peak RSS MB   index MB');
  for (const size of sizes) {
    const out = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--size', String(size)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    console.log(
      `${String(r.passages).padStart(8)} ${String(r.wallSeconds).padStart(8)} ${String(r.passagesPerSecond).padStart(12)} ${String(r.embedAndGraphSeconds).padStart(15)} ${String(r.peakRssMB).padStart(13)} ${String(r.indexMB).padStart(10)}`,
    );
  }
  console.log('Targets: ≥ 5,000 passages/s; 100k passages ≤ 60 s; peak RSS ≤ 1024 MB.');
}
