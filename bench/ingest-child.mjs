// One measurement of `npm run bench:ingest` (bench/ingest-bench.ts), run in a fresh plain
// Node process on the compiled code in dist/, as production runs it: no TypeScript loader.
// Prints one JSON line.
//
//   node bench/ingest-child.mjs ingest|stock|warm|add SEEDS_DIR DATA_DIR EMBED_WORKERS
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const dist = (p) => import(join(ROOT, 'dist', p));
const [kind, seeds, out, workersArg] = process.argv.slice(2);
const EMBED_WORKERS = Number(workersArg ?? 1);
const QUESTIONS = ['接到自称公安的电话让我转账怎么办', '什么是杀猪盘', '刷单返利是诈骗吗'];

const mb = (bytes) => +(bytes / 1e6).toFixed(1);
const s = (ms) => +(ms / 1000).toFixed(2);
/** Peak resident memory of this process, MiB (as /usr/bin/time reports it, in KiB / 1024). */
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds of this process (all threads): unlike wall time, not inflated by other load. */
function cpuSeconds() {
  const u = process.resourceUsage();
  return +((u.userCPUTime + u.systemCPUTime) / 1e6).toFixed(1);
}
function dirSize(dir) {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const st = statSync(join(dir, name));
    if (st.isFile()) total += st.size;
  }
  return total;
}

/** What `npm run ingest` runs: build and save, no loading for serving afterwards. */
async function ingest() {
  const { updateIndex } = await dist('index/ingest.js');
  const { readCurrent } = await dist('index/generations.js');
  const { createEmbedder } = await dist('index/embedders.js');
  const embedder = createEmbedder({ provider: 'hashing', workers: EMBED_WORKERS });
  const timings = {};
  const t0 = performance.now();
  const report = await updateIndex({
    seedsDir: seeds,
    outDir: out,
    embedder,
    onTiming: (part, ms) => {
      timings[part] = ms;
    },
  });
  const wall = performance.now() - t0;
  await embedder.embeddings.close?.();
  return {
    wall: s(wall),
    timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, s(v)])),
    passages: report.passages,
    articles: report.articles,
    peakRssMB: peakRssMB(),
    cpu: cpuSeconds(),
    indexMB: mb(dirSize(join(out, await readCurrent(out)))),
  };
}

/** LangChain's stock path on the same raw files: what a user would otherwise pick. */
async function stock() {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const { HNSWLib } = await import('@langchain/community/vectorstores/hnswlib');
  const { Document } = await import('@langchain/core/documents');
  const { HashingEmbeddings } = await dist('index/hashing-embeddings.js');
  const embeddings = new HashingEmbeddings({ workers: EMBED_WORKERS });
  const t0 = performance.now();
  const docs = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => new Document({ pageContent: readFileSync(join(seeds, f), 'utf8'), metadata: { source: f } }));
  const t1 = performance.now();
  // The same passage size as ours (200 characters); stock separators and a small overlap.
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 200, chunkOverlap: 20 });
  const chunks = await splitter.splitDocuments(docs);
  const t2 = performance.now();
  const store = await HNSWLib.fromDocuments(chunks, embeddings);
  const t3 = performance.now();
  await store.save(out);
  const t4 = performance.now();
  await embeddings.close();
  return {
    wall: s(t4 - t0),
    load: s(t1 - t0),
    split: s(t2 - t1),
    embedGraph: s(t3 - t2),
    save: s(t4 - t3),
    passages: chunks.length,
    peakRssMB: peakRssMB(),
    cpu: cpuSeconds(),
    indexMB: mb(dirSize(out)),
  };
}

/** Answers to the golden questions in one process, after a warm-up: p50 / p95. */
async function warm() {
  const { loadConfig } = await dist('config.js');
  const { setupEngine } = await dist('answer/setup.js');
  const { answer } = await dist('answer/engine.js');
  const golden = JSON.parse(readFileSync(join(ROOT, 'tests/eval/golden.json'), 'utf8'));
  const questions = (golden.items ?? []).map((i) => i.q ?? '').filter(Boolean);
  const qs = questions.length ? questions : QUESTIONS;
  const { deps } = await setupEngine(
    loadConfig({ ...process.env, SEEDS_DIR: seeds, DATA_DIR: out, LLM_PROVIDER: 'none' }),
  );
  for (const q of qs.slice(0, 5)) await answer(q, deps, {}); // warm-up
  const times = [];
  for (let round = 0; round < 3; round++) {
    for (const q of qs) {
      const t = performance.now();
      await answer(q, deps, {});
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p) => +times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  return { answers: times.length, p50: pct(50), p95: pct(95), max: +times[times.length - 1].toFixed(1) };
}

/**
 * An operator added one article (the parent wrote it) and runs the ingest: appended, not
 * rebuilt; then a bot loads the new generation (the time until it answers from it).
 */
async function add() {
  const { updateIndex } = await dist('index/ingest.js');
  const { loadIndex } = await dist('index/load.js');
  const { createEmbedder } = await dist('index/embedders.js');
  const embedder = createEmbedder({ provider: 'hashing', workers: EMBED_WORKERS });
  const t0 = performance.now();
  const report = await updateIndex({ seedsDir: seeds, outDir: out, embedder });
  const wall = performance.now() - t0;
  // The append's own peak, before the new generation is loaded into the same process.
  const appendPeak = peakRssMB();
  const t1 = performance.now();
  const index = await loadIndex(out, embedder);
  const load = performance.now() - t1;
  await embedder.embeddings.close?.();
  return {
    wall: s(wall),
    reason: report.reason,
    embedded: report.embedded,
    reused: report.reused,
    passages: index.manifest.passageCount,
    thenLoad: s(load),
    peakRssMB: appendPeak,
    withLoadPeakRssMB: peakRssMB(),
  };
}

const run = { ingest, stock, warm, add }[kind];
if (!run) throw new Error(`unknown measurement ${kind}: ingest, stock, warm or add`);
console.log(JSON.stringify(await run()));
