/**
 * `npm run train:check [-- --cv 5] [--l2 1e-4] [--epochs 300] [--min-df 2] [--prune 0.02]`:
 * trains the message checker's model (src/check/model/) on the labelled sets and writes
 * src/check/model/check-model.json; with --cv K it writes nothing and prints K-fold
 * cross-validated figures of the combined checker (rules + fold model) next to the rules alone.
 *
 * Training data: every labelled message the project wrote by hand (MIT), see
 * src/check/model/README.md. Never tests/eval/check-heldout-2.json (kept for evaluation).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createChecker, type Tuning } from '../src/check/checker.js';
import { type CheckEvaluation, type CheckItem, evaluateCheck, formatRatio } from '../src/check/evaluate.js';
import { DEFAULT_TRAIN, serializeModel, type TrainOptions, trainCheckModel } from '../src/check/model/train.js';

/** The training sets, in this order. */
export const TRAINING_SETS = [
  'tests/eval/check-dev.json',
  'tests/eval/check-heldout.json',
  'tests/check/fixtures/own-messages.json',
  'tests/check/fixtures/own-messages-2.json',
  'tests/check/fixtures/own-messages-3.json',
  'tests/check/fixtures/own-messages-4.json',
  'tests/check/fixtures/own-messages-5.json',
  'tests/check/fixtures/own-messages-6.json',
];
const OUT = 'src/check/model/check-model.json';

function load(path: string): CheckItem[] {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { items: CheckItem[] }).items;
  } catch (err) {
    throw new Error(`cannot read training set ${path}`, { cause: err });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Sums evaluations of disjoint folds. */
function merge(evs: CheckEvaluation[]) {
  const sum = (pick: (e: CheckEvaluation) => { hit: number; total: number }) =>
    evs.reduce((r, e) => ({ hit: r.hit + pick(e).hit, total: r.total + pick(e).total }), { hit: 0, total: 0 });
  const langs = [...new Set(evs.flatMap((e) => Object.keys(e.perLanguage)))].sort();
  return {
    recall: sum((e) => e.recall),
    scamVerdict: sum((e) => e.scamVerdict),
    falseAlarms: sum((e) => e.falseAlarms),
    typeAccuracy: sum((e) => e.typeAccuracy),
    perLanguage: langs.map((l) => ({
      lang: l,
      recall: sum((e) => e.perLanguage[l]?.recall ?? { hit: 0, total: 0 }),
      falseAlarms: sum((e) => e.perLanguage[l]?.falseAlarms ?? { hit: 0, total: 0 }),
      typed: sum((e) => e.perLanguage[l]?.typed ?? { hit: 0, total: 0 }),
    })),
  };
}

function print(title: string, m: ReturnType<typeof merge>): void {
  const out = [
    `${title}`,
    `  recall ${formatRatio(m.recall)}   verdict 'scam' ${formatRatio(m.scamVerdict)}`,
    `  false alarms ${formatRatio(m.falseAlarms)}   type ${formatRatio(m.typeAccuracy)}`,
    ...m.perLanguage.map(
      (l) =>
        `  ${l.lang.padEnd(8)} recall ${formatRatio(l.recall).padEnd(16)} false alarms ${formatRatio(l.falseAlarms).padEnd(16)} type ${formatRatio(l.typed)}`,
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function main(): void {
  const options: TrainOptions = {
    l2: Number(arg('--l2') ?? DEFAULT_TRAIN.l2),
    epochs: Number(arg('--epochs') ?? DEFAULT_TRAIN.epochs),
    minDf: Number(arg('--min-df') ?? DEFAULT_TRAIN.minDf),
    prune: Number(arg('--prune') ?? DEFAULT_TRAIN.prune),
  };
  const items = TRAINING_SETS.flatMap(load);
  const heldOut = new Set(load('tests/eval/check-heldout.json').map((i) => i.id));
  const toTrain = (list: CheckItem[]) => list.map((i) => ({ text: i.text, type: i.label === 'scam' ? i.type : null }));
  const k = Number(arg('--cv') ?? 0);
  const tuning = arg('--tuning') ? (JSON.parse(arg('--tuning') ?? '{}') as Partial<Tuning>) : undefined;
  if (k > 1) {
    // Stratified, deterministic folds: the n-th message of each class goes to fold n mod k.
    const seenPerClass = new Map<string, number>();
    const fold = items.map((i) => {
      const c = i.label === 'scam' ? (i.type ?? 'scam') : 'ordinary';
      const n = seenPerClass.get(c) ?? 0;
      seenPerClass.set(c, n + 1);
      return n % k;
    });
    const combined: CheckEvaluation[] = [];
    const rules: CheckEvaluation[] = [];
    const heldCombined: CheckEvaluation[] = [];
    const heldRules: CheckEvaluation[] = [];
    for (let f = 0; f < k; f++) {
      const train = items.filter((_, i) => fold[i] !== f);
      const test = items.filter((_, i) => fold[i] === f);
      const { model } = trainCheckModel(toTrain(train), options);
      combined.push(evaluateCheck(test, createChecker({ model, tuning })));
      rules.push(evaluateCheck(test, createChecker({ model: null, tuning })));
      // The old held-out set is the only one the rules were not tuned on before this round:
      // its fold figures show what the model adds on unseen wording.
      const held = test.filter((i) => heldOut.has(i.id));
      heldCombined.push(evaluateCheck(held, createChecker({ model, tuning })));
      heldRules.push(evaluateCheck(held, createChecker({ model: null, tuning })));
      process.stderr.write(`fold ${f + 1}/${k} done\n`);
    }
    process.stdout.write(`${k}-fold cross-validation on ${items.length} messages (${TRAINING_SETS.length} sets)\n`);
    print('rules alone (rules were tuned on all of these sets: optimistic):', merge(rules));
    print('rules + model (model trained without the fold):', merge(combined));
    if (process.argv.includes('--verbose'))
      for (const e of combined)
        for (const { item, result } of [...e.falseAlarmItems, ...e.misses, ...e.wrongTypes])
          process.stdout.write(
            `  [${item.id} ${item.type ?? 'ordinary'}] ${result.verdict} ${result.scamType ?? ''} ${result.redFlags.map((f) => `${f.id}「${f.evidence}」`).join(' ')}\n      ${item.text.slice(0, 120)}\n`,
          );
    print('old held-out items only, rules alone:', merge(heldRules));
    print('old held-out items only, rules + model:', merge(heldCombined));
    return;
  }
  const t0 = performance.now();
  const trained = trainCheckModel(toTrain(items), options);
  const data = serializeModel(trained, {
    trainedOn: TRAINING_SETS,
    messages: items.length,
    options,
    licence: 'hand-written messages, project licence MIT',
  });
  const json = `${JSON.stringify(data, null, 2)}\n`;
  writeFileSync(OUT, json);
  // Formatted by Biome as committed, so that `npm run lint` accepts the file.
  const fmt = spawnSync('node_modules/.bin/biome', ['format', '--write', OUT], { encoding: 'utf8' });
  if (fmt.status !== 0) process.stderr.write(`biome format failed (run it by hand): ${fmt.stderr}\n`);
  process.stdout.write(
    `trained on ${items.length} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.keys(data.weights).length} features, ${data.classes.length} classes, ${(json.length / 1024).toFixed(0)} KiB → ${OUT}\n`,
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(
    `${err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err)}\n`,
  );
  process.exitCode = 1;
}
