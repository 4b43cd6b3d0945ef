import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, formatEval, loadGolden } from '../../src/answer/evaluate.js';
import { toSimplified } from '../../src/text/script.js';
import { seedEngine } from '../helpers/engine.js';
import { artefacts } from '../helpers/seeds.js';

describe('golden set', () => {
  it('meets the quality floors', async () => {
    const items = loadGolden(join(import.meta.dirname, '..', 'eval', 'golden.json'));
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(items.filter((i) => !i.inScope).length).toBeGreaterThanOrEqual(8);
    const s = await evaluate(items, await seedEngine());
    const report = formatEval(s, true);
    expect(s.hitAt5, report).toBeGreaterThanOrEqual(0.95);
    expect(s.hitAt1, report).toBeGreaterThanOrEqual(0.85);
    expect(s.offTopicAccuracy, report).toBe(1);
    // Targets of issue 8: every cited line verbatim, the scam type right ≥ 0.95. Intent has
    // no target in the issue; 0.9 leaves room for questions that fit two intents.
    expect(s.verbatimShare, report).toBe(1);
    expect(s.typeAccuracy, report).toBeGreaterThanOrEqual(0.95);
    expect(s.intentAccuracy, report).toBeGreaterThanOrEqual(0.9);
    // Traditional answers quote in Traditional on purpose: check their Simplified form.
    for (const r of s.results) {
      for (const c of r.answer.citations) {
        const text = r.answer.language === 'zh-Hant' ? toSimplified(c.text) : c.text;
        expect(artefacts(text), `${r.item.q}: ${c.text}`).toEqual([]);
      }
    }
  });
});
