/**
 * A received message is never answered with the off-topic reply: every scam message of
 * the check sets (pasted alone, with the real engine) gets a check or an answer, and so
 * does each with "is this a scam?" in front, in its language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer, type EngineDeps } from '../../src/answer/engine.js';
import { seedEngine } from '../helpers/engine.js';

interface Item {
  id: string;
  text: string;
  label: 'scam' | 'ordinary';
  lang: 'zh-Hans' | 'zh-Hant' | 'en';
}
const load = (f: string): Item[] => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', f), 'utf8')).items;
// Only the development sets: the newest held-out set stays unseen by tests.
const scams = [...load('check-dev.json'), ...load('check-heldout.json')].filter((i) => i.label === 'scam');
const ASK = { 'zh-Hans': '这条短信是诈骗吗？', 'zh-Hant': '這則訊息是詐騙嗎？', en: 'Is this a scam? ' };

describe('messages are never declined as off-topic', () => {
  let deps: EngineDeps;
  beforeAll(async () => {
    deps = await seedEngine();
  }, 120_000);

  it(`checks or answers each of ${scams.length} scam messages pasted alone`, async () => {
    const declined: string[] = [];
    for (const m of scams) {
      const a = await answer(m.text, deps);
      if (!a.inScope && a.verdict === null) declined.push(`${m.id}: ${m.text.slice(0, 40)}`);
    }
    expect(declined).toEqual([]);
  }, 120_000);

  it('checks each of them asked about with "is this a scam?"', async () => {
    const notChecked: string[] = [];
    for (const m of scams) {
      const a = await answer(`${ASK[m.lang]}${m.text}`, deps);
      if (a.verdict === null) notChecked.push(`${m.id}: ${m.text.slice(0, 40)}`);
    }
    expect(notChecked).toEqual([]);
  }, 120_000);
});
