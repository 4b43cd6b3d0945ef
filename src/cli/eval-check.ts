/**
 * `npm run eval:check [-- --set tests/eval/check-heldout.json] [--verbose] [--rules-only]`:
 * measures the message checker on a labelled set (default tests/eval/check-dev.json).
 * `--rules-only` leaves the statistical model out: the model was trained on the dev sets, so
 * on them only the rules' figures say something (cross-validated figures: npm run train:check -- --cv 5).
 */
import { readFileSync } from 'node:fs';
import { createChecker } from '../check/checker.js';
import { type CheckItem, evaluateCheck, formatRatio } from '../check/evaluate.js';

function main(): void {
  const args = process.argv.slice(2);
  const setAt = args.indexOf('--set');
  const path = setAt >= 0 ? args[setAt + 1] : 'tests/eval/check-dev.json';
  const verbose = args.includes('--verbose');
  if (!path) throw new Error('--set needs a file');
  let items: CheckItem[];
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { items?: CheckItem[] } | CheckItem[];
    items = Array.isArray(data) ? data : (data.items ?? []);
  } catch (err) {
    throw new Error(`cannot read the labelled set ${path}`, { cause: err });
  }
  const rulesOnly = args.includes('--rules-only');
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
}

try {
  main();
} catch (err) {
  process.stderr.write(
    `${err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err)}\n`,
  );
  process.exitCode = 1;
}
