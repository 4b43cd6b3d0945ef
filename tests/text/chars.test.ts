import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undoubleLine, undoubleRuns } from '../../src/corpus/dedouble.js';
import { isSpaceCode, visibleLength } from '../../src/text/chars.js';
import { OPENCC_TABLES } from '../../src/text/opencc-tables.generated.js';
import { detectScript } from '../../src/text/script.js';

// Characters that exercise every branch: Han (Simplified-only, Traditional-only, common),
// white space of every kind \s knows, an astral character and a lone surrogate, Latin.
const ALPHABET = [
  ...'诈骗国国這這们們说說的一是了',
  ...' \t\n\u3000\u00a0\u2028\ufeff\u200b',
  '𠀀',
  '\ud800',
  ...'ab19，。',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join(''));
/** Lines made of doubled runs with single spaces between: the shape undoubleLine repairs. */
const doubled = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom(...ALPHABET.filter((c) => !/\s/u.test(c))), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((runs) => runs.map(([r, space]) => r.join('').repeat(2) + (space ? ' ' : '')).join(''));

/** detectScript as it was: an array of Han characters and object lookups. */
function referenceScript(t: string): string {
  const han = t.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu) ?? [];
  const latin = t.match(/[A-Za-z]/g)?.length ?? 0;
  if (han.length === 0 || (han.length < 2 && latin > 3)) return 'latin';
  if (latin > han.length * 3) return 'latin';
  let trad = 0;
  let simp = 0;
  for (const ch of han) {
    if (Object.hasOwn(OPENCC_TABLES['hk->cn'].chars, ch)) trad++;
    else if (Object.hasOwn(OPENCC_TABLES['cn->hk'].chars, ch)) simp++;
  }
  return trad > simp ? 'traditional' : 'simplified';
}

describe('character tests by code unit', () => {
  it('isSpaceCode is exactly \\s, over every code unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isSpaceCode(c), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('visibleLength counts what Array.from counts after removing white space', () => {
    fc.assert(fc.property(text, (t) => visibleLength(t) === Array.from(t.replace(/\s+/g, '')).length));
  });
});

describe('shortcuts give what the full computation gives', () => {
  it('undoubleLine: the same result on random and on doubled lines', () => {
    fc.assert(fc.property(text, (t) => undoubleLine(t) === undoubleRuns(t)));
    fc.assert(fc.property(doubled, (t) => undoubleLine(t) === undoubleRuns(t)));
    // And doubled lines are repaired at all (the generator is not vacuous).
    expect(undoubleLine('诈骗诈骗 国们国们')).toBe('诈骗 国们');
  });

  it('detectScript: the same script as counting characters through the tables', () => {
    fc.assert(fc.property(text, (t) => detectScript(t) === referenceScript(t)));
    const mixed = fc
      .array(fc.constantFrom(...'這們說國诈骗们说国abcdEFG的是'), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(fc.property(mixed, (t) => detectScript(t) === referenceScript(t)));
  });
});
