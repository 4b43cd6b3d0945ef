/**
 * Evaluation of the engine on a golden set: retrieval quality of the answers' citations
 * (hit@1, hit@5, MRR), off-topic accuracy, per-category results and latency.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { normalizeForSearch } from '../text/script.js';
import { answer, type EngineDeps } from './engine.js';
import type { Answer } from './types.js';

const itemSchema = z.object({
  q: z.string().min(1),
  category: z.string(),
  type: z.string().optional(),
  /** The intent the answer should have (issue 8); scored when given. */
  intent: z.string().optional(),
  inScope: z.boolean().default(true),
  expect: z.array(z.string()).default([]),
});
const goldenSchema = z.object({ items: z.array(itemSchema).min(1) });

/** One golden question. */
export type GoldenItem = z.infer<typeof itemSchema>;

/** Reads and validates a golden-set file. */
export function loadGolden(path: string): GoldenItem[] {
  const items = goldenSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).items;
  for (const i of items)
    if (i.inScope && i.expect.length === 0)
      throw new Error(`Golden item "${i.q}" is in scope but lists no expected phrase.`);
  return items;
}

/**
 * The sources of an answer in order of first citation: a guide page counts as one source
 * (its items are cited one per line), a news passage as one. An expected phrase matches a
 * source whose cited text contains it; `guide:<page>` matches that guide page.
 */
export function sourceRank(a: Answer, expect: string[]): number {
  const groups: { key: string; texts: string[] }[] = [];
  for (const c of a.citations) {
    const key = c.kind === 'guide' ? `guide:${c.source.replace(/^.*\//u, '').replace(/\.md$/u, '')}` : `news:${c.n}`;
    const g = groups.find((x) => x.key === key);
    if (g) g.texts.push(normalizeForSearch(c.text));
    else groups.push({ key, texts: [normalizeForSearch(c.text)] });
  }
  const idx = groups.findIndex((g) =>
    expect.some((e) => (e.startsWith('guide:') ? g.key === e : g.texts.some((t) => t.includes(normalizeForSearch(e))))),
  );
  return idx >= 0 ? idx + 1 : 0;
}

/** Cited lines of an answer, and how many are verbatim in every passage they cite. */
export function verbatimLines(a: Answer): { cited: number; verbatim: number; failures: string[] } {
  let cited = 0;
  let verbatim = 0;
  const failures: string[] = [];
  for (const s of a.sections) {
    for (const l of s.lines) {
      if (!l.cites.length) continue;
      cited++;
      if (l.cites.every((n) => a.citations.find((c) => c.n === n)?.text.includes(l.text))) verbatim++;
      else failures.push(l.text);
    }
  }
  return { cited, verbatim, failures };
}

/** The result for one question. */
export interface ItemResult {
  item: GoldenItem;
  answer: Answer;
  /** Rank (1-based) of the first citation containing an expected phrase; 0 if none. */
  rank: number;
  /** For off-topic items: declined with no citation. For in-scope items: rank ≥ 1. */
  correct: boolean;
  ms: number;
}

/** Aggregate figures. */
export interface EvalSummary {
  total: number;
  inScope: number;
  offTopic: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  offTopicAccuracy: number;
  /** In-scope questions wrongly declined. */
  falseDeclines: number;
  /** Share of items with an expected intent that got it. */
  intentAccuracy: number;
  /** Share of items with an expected type whose answer is about it. */
  typeAccuracy: number;
  /** Share of cited lines that are verbatim in every passage they cite (must be 1). */
  verbatimShare: number;
  perCategory: Record<string, { n: number; correct: number; hitAt1: number }>;
  latencyMs: { p50: number; p95: number; max: number };
  results: ItemResult[];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : 0;
}

/** Runs every golden question through the engine (once warm-up, then measured). */
export async function evaluate(items: GoldenItem[], deps: EngineDeps): Promise<EvalSummary> {
  // Warm-up pass: jieba, the opencc converters and the advice pool load lazily, and the
  // latency figures are meant for a running bot.
  for (const item of items) await answer(item.q, deps);
  const results: ItemResult[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const a = await answer(item.q, deps);
    const ms = performance.now() - t0;
    const rank = sourceRank(a, item.expect);
    const correct = item.inScope ? a.inScope && rank > 0 : !a.inScope && a.citations.length === 0;
    results.push({ item, answer: a, rank, correct, ms });
  }
  const ins = results.filter((r) => r.item.inScope);
  const off = results.filter((r) => !r.item.inScope);
  const perCategory: EvalSummary['perCategory'] = {};
  for (const r of results) {
    const c = (perCategory[r.item.category] ??= { n: 0, correct: 0, hitAt1: 0 });
    c.n++;
    if (r.correct) c.correct++;
    if (r.item.inScope ? r.rank === 1 : r.correct) c.hitAt1++;
  }
  const lat = results.map((r) => r.ms).sort((a, b) => a - b);
  const withIntent = results.filter((r) => r.item.intent);
  const withType = results.filter((r) => r.item.type && r.item.inScope);
  const lines = results.map((r) => verbatimLines(r.answer));
  const cited = lines.reduce((n, l) => n + l.cited, 0);
  return {
    total: results.length,
    inScope: ins.length,
    offTopic: off.length,
    hitAt1: ins.filter((r) => r.rank === 1).length / (ins.length || 1),
    hitAt5: ins.filter((r) => r.rank >= 1 && r.rank <= 5).length / (ins.length || 1),
    mrr: ins.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / (ins.length || 1),
    offTopicAccuracy: off.filter((r) => r.correct).length / (off.length || 1),
    falseDeclines: ins.filter((r) => !r.answer.inScope).length,
    intentAccuracy: withIntent.filter((r) => r.answer.intent === r.item.intent).length / (withIntent.length || 1),
    typeAccuracy: withType.filter((r) => r.answer.scamTypes[0] === r.item.type).length / (withType.length || 1),
    verbatimShare: cited ? lines.reduce((n, l) => n + l.verbatim, 0) / cited : 1,
    perCategory,
    latencyMs: { p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), max: lat[lat.length - 1] ?? 0 },
    results,
  };
}

/** A printable report. */
export function formatEval(s: EvalSummary, verbose = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Golden set: ${s.total} questions (${s.inScope} in scope, ${s.offTopic} off-topic)`,
    `hit@1 ${pct(s.hitAt1)}   hit@5 ${pct(s.hitAt5)}   MRR ${s.mrr.toFixed(3)}   off-topic accuracy ${pct(s.offTopicAccuracy)}   false declines ${s.falseDeclines}`,
    `intent right ${s.results.some((r) => r.item.intent) ? pct(s.intentAccuracy) : 'n/a'}   scam type right ${s.results.some((r) => r.item.type) ? pct(s.typeAccuracy) : 'n/a'}   cited lines verbatim ${pct(s.verbatimShare)}`,
    `answer latency (warm, in-process): p50 ${s.latencyMs.p50.toFixed(1)} ms   p95 ${s.latencyMs.p95.toFixed(1)} ms   max ${s.latencyMs.max.toFixed(1)} ms`,
    'per category:',
    ...Object.entries(s.perCategory).map(
      ([c, v]) => `  ${c.padEnd(12)} ${v.correct}/${v.n} correct, ${v.hitAt1}/${v.n} at rank 1`,
    ),
  ];
  const misses = s.results.filter(
    (r) =>
      !r.correct ||
      (r.item.inScope && r.rank !== 1) ||
      (r.item.intent && r.item.intent !== r.answer.intent) ||
      (r.item.type && r.item.inScope && r.answer.scamTypes[0] !== r.item.type),
  );
  if (misses.length) {
    lines.push('not at rank 1 or wrong:');
    for (const r of misses) {
      lines.push(
        `  [${r.item.category}] ${r.item.q} → ${r.answer.inScope ? `rank ${r.rank || 'none'}` : 'declined'} (${r.answer.intent}${r.answer.scamTypes[0] ? ` ${r.answer.scamTypes[0]}` : ''})`,
      );
      if (verbose) for (const c of r.answer.citations) lines.push(`      [${c.n}] ${c.text.slice(0, 60)}`);
    }
  }
  return lines.join('\n');
}
