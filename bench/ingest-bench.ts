/**
 * `npm run bench:ingest [-- --sizes 10k,100k] [--1m] [--skip-stock] [--out FILE]`:
 * the whole ingestion pipeline on realistic RAW corpora (bench/synthetic.ts: seed
 * articles re-drawn, shuffled, OCR-damaged), measured as users run it.
 *
 * Builds dist/ first (production code, no run-time transpiling), then for each size runs
 * in fresh child processes, so that each figure's peak RSS is its own:
 *   ingest  the real path (ensureIndex: load+clean, split, embed, graph, save)
 *   stock   LangChain's stock path on the same raw files (RecursiveCharacterTextSplitter
 *           + HNSWLib.fromDocuments + save, same hashing embedder and embedding workers)
 *   cold    `node dist/cli/ask.js QUESTION`: process start → first answer printed
 *   warm    answers to the golden questions in one process: p50 / p95
 *   add     one new article into the built corpus → ensureIndex (incremental)
 * and prints the figures, optionally writing them as Markdown (--out).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32, seedArticles, synthArticle, writeSyntheticCorpus } from './synthetic.js';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const SEEDS = join(ROOT, 'seeds');
const QUESTIONS = [
  '接到自称公安的电话让我转账怎么办',
  '什么是杀猪盘',
  '刷单返利是诈骗吗',
  '有人让我下载会议软件共享屏幕',
  '冒充客服说快递丢了要理赔',
];
/** Embedding workers as the default configuration picks them (config.ts: EMBEDDINGS_WORKERS). */
const EMBED_WORKERS = Math.min(4, Math.max(0, availableParallelism() - 1));

const dist = (p: string) => import(join(DIST, p));
const mb = (bytes: number) => +(bytes / 1e6).toFixed(1);
const s = (ms: number) => +(ms / 1000).toFixed(2);

function dirSize(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, name));
    if (st.isFile()) total += st.size;
  }
  return total;
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** CPU seconds of this process (all threads): unlike wall time, not inflated by other load. */
function cpuSeconds(): number {
  const u = process.resourceUsage();
  return +((u.userCPUTime + u.systemCPUTime) / 1e6).toFixed(1);
}

// ---------------------------------------------------------------- child processes

async function childIngest(seeds: string, out: string): Promise<object> {
  // What `npm run ingest` runs: build and save, no loading for serving afterwards.
  const { updateIndex } = await dist('index/ingest.js');
  const { readCurrent } = await dist('index/generations.js');
  const { createEmbedder } = await dist('index/embedders.js');
  const embedder = createEmbedder({ provider: 'hashing', workers: EMBED_WORKERS });
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const report = await updateIndex({
    seedsDir: seeds,
    outDir: out,
    embedder,
    onTiming: (part: string, ms: number) => (timings[part] = ms),
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

async function childStock(seeds: string, out: string): Promise<object> {
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

async function childWarm(seeds: string, out: string): Promise<object> {
  const { loadConfig } = await dist('config.js');
  const { setupEngine } = await dist('answer/setup.js');
  const { answer } = await dist('answer/engine.js');
  const golden = JSON.parse(readFileSync(join(ROOT, 'tests/eval/golden.json'), 'utf8')) as { items?: { q?: string }[] };
  const questions = (golden.items ?? []).map((i) => i.q ?? '').filter(Boolean);
  const qs = questions.length ? questions : QUESTIONS;
  const { deps } = await setupEngine(
    loadConfig({ ...process.env, SEEDS_DIR: seeds, DATA_DIR: out, LLM_PROVIDER: 'none' }),
  );
  for (const q of qs.slice(0, 5)) await answer(q, deps, {}); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of qs) {
      const t = performance.now();
      await answer(q, deps, {});
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => +times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  return { answers: times.length, p50: pct(50), p95: pct(95), max: +times[times.length - 1].toFixed(1) };
}

async function childAdd(seeds: string, out: string): Promise<object> {
  // An operator adds one article and runs `npm run ingest` (appended, not rebuilt); then a
  // bot loads the new generation (the time until it answers from the new article).
  const { updateIndex } = await dist('index/ingest.js');
  const { loadIndex } = await dist('index/load.js');
  const { createEmbedder } = await dist('index/embedders.js');
  const embedder = createEmbedder({ provider: 'hashing', workers: EMBED_WORKERS });
  const article = synthArticle(seedArticles(SEEDS)[0], mulberry32(7));
  writeFileSync(join(seeds, 'zz-added-article.txt'), article);
  const t0 = performance.now();
  const report = await updateIndex({ seedsDir: seeds, outDir: out, embedder });
  const wall = performance.now() - t0;
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
    peakRssMB: peakRssMB(),
  };
}

// ---------------------------------------------------------------- parent

function runChild(kind: string, seeds: string, out: string): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--child', kind, '--seeds', seeds, '--data', out],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, LLM_PROVIDER: 'none' },
    },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    return {
      error: `${kind} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`,
    };
  return JSON.parse(line) as Record<string, unknown>;
}

function coldStart(seeds: string, out: string): { seconds: number; error?: string } {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(DIST, 'cli/ask.js'), QUESTIONS[i % QUESTIONS.length]], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, SEEDS_DIR: seeds, DATA_DIR: out, LLM_PROVIDER: 'none' },
    });
    times.push(performance.now() - t0);
    if (r.status !== 0 || !r.stdout.trim())
      return { seconds: Number.NaN, error: r.stderr.trim().split('\n').slice(-2).join(' | ') };
  }
  times.sort((a, b) => a - b);
  return { seconds: s(times[1]) };
}

function parseSize(x: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(x.trim());
  if (!m) throw new Error(`Bad size "${x}": use e.g. 10k, 100k, 1m.`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
}

/** Characters of raw seed text per passage the pipeline makes of it (for sizing corpora). */
async function charsPerPassage(): Promise<number> {
  const { prepareCorpus } = await dist('index/pipeline.js');
  const probe = mkdtempSync(join(tmpdir(), 'fzzs-probe-'));
  try {
    writeSyntheticCorpus(SEEDS, probe, 2000, 1000, 1);
    const chars = readdirSync(probe).reduce((n, f) => n + readFileSync(join(probe, f), 'utf8').length, 0);
    const prepared = await prepareCorpus({ seedsDir: probe, pipelineKey: 'probe', workers: 0 });
    return chars / prepared.passages.length;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      seeds: { type: 'string' },
      data: { type: 'string' },
      sizes: { type: 'string', default: '10k,100k' },
      '1m': { type: 'boolean', default: false },
      'skip-stock': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (values.child) {
    const run = { ingest: childIngest, stock: childStock, warm: childWarm, add: childAdd }[values.child];
    if (!run) throw new Error(`unknown child ${values.child}`);
    console.log(JSON.stringify(await run(values.seeds!, values.data!)));
    return;
  }
  if (!values['no-build']) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const sizes = values.sizes!.split(',').map(parseSize);
  if (values['1m']) sizes.push(1_000_000);
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.versions.node}, ${EMBED_WORKERS} embedding worker(s)`;
  console.log(`Ingestion benchmark on raw corpora — ${machine}`);
  const cpp = await charsPerPassage();
  const rows: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const root = mkdtempSync(join(tmpdir(), 'fzzs-bench-'));
    try {
      const seeds = join(root, 'seeds');
      const tGen = performance.now();
      const corpus = writeSyntheticCorpus(SEEDS, seeds, size, cpp);
      console.log(
        `\n== ${size.toLocaleString('en')} passages target: ${corpus.files} raw articles, ${mb(corpus.bytes)} MB (generated in ${s(performance.now() - tGen)} s)`,
      );
      const ours = runChild('ingest', seeds, join(root, 'data'));
      console.log('ours ', JSON.stringify(ours));
      const stock = values['skip-stock'] ? { skipped: true } : runChild('stock', seeds, join(root, 'stock'));
      console.log('stock', JSON.stringify(stock));
      rmSync(join(root, 'stock'), { recursive: true, force: true });
      const cold = ours.error ? { seconds: Number.NaN } : coldStart(seeds, join(root, 'data'));
      console.log('cold ', JSON.stringify(cold));
      const warm = ours.error ? {} : runChild('warm', seeds, join(root, 'data'));
      console.log('warm ', JSON.stringify(warm));
      const add = ours.error ? {} : runChild('add', seeds, join(root, 'data'));
      console.log('add  ', JSON.stringify(add));
      rows.push({ size, files: corpus.files, rawMB: mb(corpus.bytes), ours, stock, cold, warm, add });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const md = toMarkdown(rows, machine);
  console.log(`\n${md}`);
  if (values.out) writeFileSync(values.out, md);
}

function toMarkdown(rows: Record<string, any>[], machine: string): string {
  const lines = [
    `Machine: ${machine}. Corpora: raw seed articles re-drawn (bench/synthetic.ts), ingested by the real pipeline from dist/.`,
    '',
    '| passages | raw MB | prepare + graph s (streamed, wall) | save s | total s (CPU s) | passages/s | peak RSS MB | index MB | stock LangChain s (CPU s, passages) | stock/ours | cold start s | warm p50 / p95 ms | add 1 article: ingest s / then load s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const o = r.ours ?? {};
    const t = o.timings ?? {};
    const stockWall = r.stock?.wall;
    lines.push(
      `| ${o.passages ?? r.size} | ${r.rawMB} | ${t.prepare ?? '–'} | ${t.save ?? '–'} | ${o.wall ?? o.error ?? '–'} (${o.cpu ?? '–'}) | ${o.wall ? Math.round(o.passages / o.wall) : '–'} | ${o.peakRssMB ?? '–'} | ${o.indexMB ?? '–'} | ${stockWall ?? r.stock?.error ?? '–'} (${r.stock?.cpu ?? '–'}, ${r.stock?.passages ?? '–'}) | ${stockWall && o.wall ? (stockWall / o.wall).toFixed(2) : '–'} | ${r.cold?.seconds ?? '–'} | ${r.warm?.p50 ?? '–'} / ${r.warm?.p95 ?? '–'} | ${r.add?.wall ?? r.add?.error ?? '–'} / ${r.add?.thenLoad ?? '–'} |`,
    );
  }
  return lines.join('\n');
}

await main();
