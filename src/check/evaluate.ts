/**
 * Evaluation of the message checker on a labelled set (tests/eval/check-dev.json,
 * check-heldout.json): scam recall, false alarms on ordinary messages, type accuracy, per
 * type and per language, confusions and latency. Used by `npm run eval:check` and tests.
 */
import { checkMessage } from './checker.js';
import type { CheckResult } from './types.js';

/** One labelled message. */
export interface CheckItem {
  id: string;
  text: string;
  label: 'scam' | 'ordinary';
  type: string | null;
  lang: 'zh-Hans' | 'zh-Hant' | 'en';
  kind?: string;
  source?: string;
  licence?: string;
  handWritten?: boolean;
}

/** A count out of a total. */
export interface Ratio {
  hit: number;
  total: number;
}

/** What {@link evaluateCheck} measures. */
export interface CheckEvaluation {
  items: number;
  /** Scam messages given `scam` or `suspicious`. */
  recall: Ratio;
  /** Scam messages given `scam` (the stricter reading). */
  scamVerdict: Ratio;
  /** Ordinary messages given `scam` or `suspicious`. */
  falseAlarms: Ratio;
  /** Scam messages with a taxonomy type typed with that type. */
  typeAccuracy: Ratio;
  perType: Record<string, { recall: Ratio; typed: Ratio }>;
  perLanguage: Record<string, { recall: Ratio; falseAlarms: Ratio; typed: Ratio }>;
  /** expected type → got type (or "(none)"), with counts; only wrong ones. */
  confusions: Record<string, number>;
  misses: { item: CheckItem; result: CheckResult }[];
  falseAlarmItems: { item: CheckItem; result: CheckResult }[];
  wrongTypes: { item: CheckItem; result: CheckResult }[];
  latencyMs: { p50: number; p95: number; max: number };
  /** Time of the untimed first pass over all items (pattern compilation included). */
  coldPassMs: number;
}

const ratio = (): Ratio => ({ hit: 0, total: 0 });
function bump(r: Ratio, hit: boolean): void {
  r.total++;
  if (hit) r.hit++;
}
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs the checker on every item and measures it. `check` defaults to the committed
 * checker; cross-validation passes one with a fold's model.
 */
export function evaluateCheck(
  items: readonly CheckItem[],
  check: (text: string) => CheckResult = checkMessage,
): CheckEvaluation {
  const ev: CheckEvaluation = {
    items: items.length,
    recall: ratio(),
    scamVerdict: ratio(),
    falseAlarms: ratio(),
    typeAccuracy: ratio(),
    perType: {},
    perLanguage: {},
    confusions: {},
    misses: [],
    falseAlarmItems: [],
    wrongTypes: [],
    latencyMs: { p50: 0, p95: 0, max: 0 },
    coldPassMs: 0,
  };
  const times: number[] = [];
  // One untimed pass first, so the figures are for a warm checker: V8 compiles each large
  // pattern to native code only after its first runs, and the character table fills up.
  const t0 = performance.now();
  for (const item of items) check(item.text);
  ev.coldPassMs = performance.now() - t0;
  for (const item of items) {
    const t0 = performance.now();
    const result = check(item.text);
    times.push(performance.now() - t0);
    const lang = (ev.perLanguage[item.lang] ??= { recall: ratio(), falseAlarms: ratio(), typed: ratio() });
    const flagged = result.verdict !== 'no-signs';
    if (item.label === 'scam') {
      bump(ev.recall, flagged);
      bump(ev.scamVerdict, result.verdict === 'scam');
      bump(lang.recall, flagged);
      if (!flagged) ev.misses.push({ item, result });
      if (item.type) {
        const ok = result.scamType === item.type;
        bump(ev.typeAccuracy, ok);
        bump(lang.typed, ok);
        const t = (ev.perType[item.type] ??= { recall: ratio(), typed: ratio() });
        bump(t.recall, flagged);
        bump(t.typed, ok);
        if (!ok) {
          const key = `${item.type} → ${result.scamType ?? '(none)'}`;
          ev.confusions[key] = (ev.confusions[key] ?? 0) + 1;
          ev.wrongTypes.push({ item, result });
        }
      }
    } else {
      bump(ev.falseAlarms, flagged);
      bump(lang.falseAlarms, flagged);
      if (flagged) ev.falseAlarmItems.push({ item, result });
    }
  }
  times.sort((a, b) => a - b);
  ev.latencyMs = { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? 0 };
  return ev;
}

/** A ratio as "93.8% (150/160)". */
export function formatRatio(r: Ratio): string {
  const pct = r.total ? ((100 * r.hit) / r.total).toFixed(1) : '—';
  return `${pct}% (${r.hit}/${r.total})`;
}
