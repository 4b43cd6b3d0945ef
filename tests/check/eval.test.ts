import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CheckItem, evaluateCheck } from '../../src/check/evaluate.js';

const load = (path: string): CheckItem[] => (JSON.parse(readFileSync(path, 'utf8')) as { items: CheckItem[] }).items;

// Issue 7 targets: scam recall ≥ 95 %, false alarms ≤ 5 %, type accuracy ≥ 85 %. The
// checker was tuned (and its model trained) on these sets, so the figures are optimistic: they
// guard against regressions. The first held-out set was spent in round 1 and is development
// data now; tests/eval/check-heldout-2.json is run once by hand, never in tests.
describe.each([
  ['dev set', 'tests/eval/check-dev.json'],
  ['first held-out set (now development data)', 'tests/eval/check-heldout.json'],
  ['own hand-written set', 'tests/check/fixtures/own-messages.json'],
  ['second own set', 'tests/check/fixtures/own-messages-2.json'],
  ['third own set', 'tests/check/fixtures/own-messages-3.json'],
  ['fourth own set', 'tests/check/fixtures/own-messages-4.json'],
  ['fifth own set', 'tests/check/fixtures/own-messages-5.json'],
  ['sixth own set', 'tests/check/fixtures/own-messages-6.json'],
])('message check on the %s', (_name, path) => {
  const ev = evaluateCheck(load(path));
  it('meets the recall, false-alarm and typing targets', () => {
    expect(ev.recall.hit / ev.recall.total).toBeGreaterThanOrEqual(0.95);
    expect(ev.falseAlarms.hit / ev.falseAlarms.total).toBeLessThanOrEqual(0.05);
    expect(ev.typeAccuracy.hit / ev.typeAccuracy.total).toBeGreaterThanOrEqual(0.85);
  });
  it('quotes evidence that is an exact span of each message', () => {
    for (const item of load(path)) {
      for (const hit of [...ev.misses, ...ev.falseAlarmItems, ...ev.wrongTypes].filter((x) => x.item.id === item.id)) {
        for (const f of hit.result.redFlags) expect(item.text.includes(f.evidence)).toBe(true);
      }
    }
  });
});
