/**
 * `npm run eval:check [-- --set tests/eval/check-heldout.json] [--verbose] [--rules-only]`:
 * measures the message checker on a labelled set (default tests/eval/check-dev.json).
 * `--rules-only` leaves the statistical model out: the model was trained on the dev sets, so
 * on them only the rules' figures say something (cross-validated figures: npm run train:check -- --cv 5).
 */
import { readFileSync } from 'node:fs';
import { createChecker } from '../check/checker.js';
import { type CheckItem, evaluateCheck, formatRatio } from '../check/evaluate.js';
import { runCli } from './run.js';

function main(values: { set?: string; verbose?: boolean; 'rules-only'?: boolean }): number {
  const path = values.set ?? 'tests/eval/check-dev.json';
  const verbose = values.verbose === true;
  let items: CheckItem[];
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { items?: CheckItem[] } | CheckItem[];
    items = Array.isArray(data) ? data : (data.items ?? []);
  } catch (err) {
    throw new Error(`cannot read the labelled set ${path}`, { cause: err });
  }
  const rulesOnly = values['rules-only'] === true;
  const ev = evaluateCheck(items, rulesOnly ? createChecker({ model: null }) : undefined);
  const out: string[] = [];
  out.push(
    `Message check${rulesOnly ? ' (rules only)' : ''} on ${path}: ${ev.items} messages (${ev.recall.total} scam, ${ev.falseAlarms.total} ordinary)`,
  );
  out.push(
    `scam recall (scam or suspicious) ${formatRatio(ev.recall)}   verdict 'scam' ${formatRatio(ev.scamVerdict)}`,
  );
  out.push(`false alarms on ordinary         ${formatRatio(ev.falseAlarms)}`);
  out.push(`type accuracy                    ${formatRatio(ev.typeAccuracy)}`);
  out.push(
    `latency (warm, in-process): p50 ${ev.latencyMs.p50.toFixed(2)} ms   p95 ${ev.latencyMs.p95.toFixed(2)} ms   max ${ev.latencyMs.max.toFixed(2)} ms   (first, cold pass: ${ev.coldPassMs.toFixed(0)} ms in all)`,
  );
  out.push('per language:');
  for (const [lang, r] of Object.entries(ev.perLanguage).sort()) {
    out.push(
      `  ${lang.padEnd(8)} recall ${formatRatio(r.recall).padEnd(16)} false alarms ${formatRatio(r.falseAlarms).padEnd(16)} type ${formatRatio(r.typed)}`,
    );
  }
  out.push('per type:');
  for (const [type, r] of Object.entries(ev.perType).sort()) {
    out.push(`  ${type.padEnd(22)} recall ${formatRatio(r.recall).padEnd(16)} type ${formatRatio(r.typed)}`);
  }
  const confusions = Object.entries(ev.confusions).sort((a, b) => b[1] - a[1]);
  if (confusions.length) {
    out.push('type confusions (expected → got):');
    for (const [k, v] of confusions) out.push(`  ${v} × ${k}`);
  }
  if (verbose) {
    const show = (title: string, list: typeof ev.misses) => {
      if (!list.length) return;
      out.push(`${title}:`);
      for (const { item, result } of list) {
        const flags = result.redFlags.map((f) => `${f.id}「${f.evidence}」`).join(' ');
        out.push(
          `  [${item.id} ${item.lang} ${item.type ?? item.kind ?? ''}] ${result.verdict} ${result.score} ${result.scamType ?? ''}${result.routine ? ` routine=${result.routine}` : ''} ${flags}`,
        );
        out.push(`      ${item.text.replace(/\s+/gu, ' ').slice(0, 140)}`);
      }
    };
    show('missed scams', ev.misses);
    show('false alarms', ev.falseAlarmItems);
    show('wrong types', ev.wrongTypes);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

await runCli({
  name: 'eval:check',
  summary:
    'Measures the message checker on a labelled set: scam recall, false alarms on ordinary messages, type accuracy, per language and type, confusions and latency.',
  options: {
    set: { type: 'string', valueName: 'FILE', description: 'labelled set (default: tests/eval/check-dev.json)' },
    verbose: { type: 'boolean', description: 'list missed scams, false alarms and wrong types' },
    'rules-only': { type: 'boolean', description: 'leave the statistical model out (it was trained on the dev sets)' },
  },
  main: ({ values }) => main(values),
});
