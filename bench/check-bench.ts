/**
 * `npm run bench:check`: message-check latency (issue 7, "Measure").
 * - Text: `checkMessage` p50/p95 over the dev set (tests/eval/check-dev.json; the OCR fixtures'
 *   texts when the dev set is absent), warm, in-process.
 * - Screenshot: OCR + check p50/p95 over the OCR fixtures with a warm pool, the cold first image
 *   (worker start included), and how many screenshots get the same verdict as their source text.
 * Targets: text p95 ≤ 20 ms, screenshot p95 ≤ 1.5 s. Prints figures; asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createOcr } from '../src/check/ocr.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'ocr');
const DEV_SET = join(ROOT, 'tests', 'eval', 'check-dev.json');
/** Rounds over the text set: enough samples for a stable p95 on ~250 messages. */
const TEXT_ROUNDS = 5;
/** Rounds over the screenshots: 8 images × 3 = 24 samples, ~10 s on 2 cores. */
const IMAGE_ROUNDS = 3;

interface Fixture {
  file: string;
  text: string;
}
type Check = (text: string) => { verdict: string };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function line(label: string, times: number[], unit = 'ms'): string {
  const s = [...times].sort((a, b) => a - b);
  const f = (n: number) => (unit === 's' ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(2)} ms`);
  return `${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${f(pct(s, 0.5))}  p95 ${f(pct(s, 0.95))}  max ${f(s[s.length - 1])}`;
}

async function loadCheck(): Promise<Check | null> {
  try {
    const mod = (await import('../src/check/checker.js')) as { checkMessage?: Check };
    return mod.checkMessage ?? null;
  } catch (err) {
    console.log(`checkMessage unavailable (${(err as Error).message.split('\n')[0]}): screenshot figures are OCR only`);
    return null;
  }
}

// Latency on a shared machine depends on what else runs: print the context with the figures.
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const fixtures: Fixture[] = (
  JSON.parse(readFileSync(join(FIXTURES, 'fixtures.json'), 'utf8')).fixtures as Fixture[]
).filter((f) => f.text !== '');
const check = await loadCheck();

// --- text -------------------------------------------------------------------------------------
if (check) {
  const texts: string[] = existsSync(DEV_SET)
    ? (JSON.parse(readFileSync(DEV_SET, 'utf8')).items as { text: string }[]).map((i) => i.text)
    : fixtures.map((f) => f.text);
  for (const t of texts) check(t); // warm-up: converters, regexes, JIT
  const times: number[] = [];
  for (let r = 0; r < TEXT_ROUNDS; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      check(t);
      times.push(performance.now() - t0);
    }
  }
  console.log(
    `text set: ${existsSync(DEV_SET) ? 'tests/eval/check-dev.json' : 'OCR fixture texts'} (${texts.length} messages × ${TEXT_ROUNDS})`,
  );
  console.log(`${line('text check (target p95 ≤ 20 ms)', times)}`);
}

// --- screenshots ------------------------------------------------------------------------------
const ocr = createOcr({});
try {
  const t0 = performance.now();
  const cold = await ocr.recognize(join(FIXTURES, fixtures[0].file));
  if (check) check(cold.text);
  const coldMs = performance.now() - t0;
  console.log(`cold first image (worker start + OCR + check): ${(coldMs / 1000).toFixed(2)} s  [${fixtures[0].file}]`);

  // Warm both language pools (the chi_tra pool starts on the first Traditional screenshot).
  for (const f of fixtures) await ocr.recognize(join(FIXTURES, f.file));

  const times: number[] = [];
  const ocrOnly: number[] = [];
  const perFile = new Map<string, number[]>();
  let same = 0;
  const differing: string[] = [];
  for (let r = 0; r < IMAGE_ROUNDS; r++) {
    for (const f of fixtures) {
      const s0 = performance.now();
      const res = await ocr.recognize(join(FIXTURES, f.file));
      const s1 = performance.now();
      const verdict = check?.(res.text).verdict;
      times.push(performance.now() - s0);
      ocrOnly.push(s1 - s0);
      perFile.set(f.file, [...(perFile.get(f.file) ?? []), s1 - s0]);
      if (r === 0 && check) {
        const expected = check(f.text).verdict;
        if (expected === verdict) same++;
        else differing.push(`${f.file}: source ${expected}, screenshot ${verdict}`);
      }
    }
  }
  for (const [file, t] of perFile)
    console.log(`  ${file.padEnd(30)} median ${[...t].sort((a, b) => a - b)[Math.floor(t.length / 2)].toFixed(0)} ms`);
  console.log(line('screenshot OCR only', ocrOnly));
  console.log(`process RSS with warm pools: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  console.log(line(`screenshot ${check ? 'OCR + check' : 'OCR'} (target p95 ≤ 1.5 s)`, times));
  if (check) {
    console.log(
      `screenshot verdict = source-text verdict: ${same}/${fixtures.length} (${((100 * same) / fixtures.length).toFixed(0)} %)`,
    );
    for (const d of differing) console.log(`  differs: ${d}`);
  }
} finally {
  await ocr.close();
}
