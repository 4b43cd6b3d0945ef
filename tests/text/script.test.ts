import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { OPENCC_TABLES } from '../../src/text/opencc-tables.generated.js';
import { CONVERSIONS, computeTable } from '../../src/text/opencc-tables.js';
import {
  detectScript,
  normalizeForSearch,
  toHalfWidth,
  toSimplified,
  toSimplifiedPhrases,
  toTraditional,
} from '../../src/text/script.js';

// The reference: opencc-js itself, without our fast path.
const ref = (from: string, to: string) => OpenCC.Converter({ from, to } as Parameters<typeof OpenCC.Converter>[0]);
const [refHkCn, refTwCn] = [ref('hk', 'cn'), ref('tw', 'cn')];
const refSimplified = (t: string) => refHkCn(refTwCn(t));
const refPhrases = ref('twp', 'cn');
const refTw = ref('cn', 'tw');
// normalizeForSearch step by step, on opencc-js itself.
const refNormalize = (t: string) => refSimplified(toHalfWidth(t)).toLowerCase().replace(/帐/g, '账');
const refHk = ref('cn', 'hk');

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedTexts = readdirSync(SEEDS, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));

// Characters that exercise every path: Simplified and Traditional forms, characters that
// only a phrase changes (梁/樑, 群/羣, 户/戶, 著/着, 乾/干, 了/瞭), CJK compatibility
// ideographs (normalised), an astral character, clause ends and Latin.
const ALPHABET = [
  ...'的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动',
  ...'國門說這個們時來為對開無總從種會學發當過還樣點體經關麼裡後著乾瞭樑羣戶臺於餘隻網路軟體簡訊資訊記憶體滑鼠',
  ...'梁群户台余只网路软件短信信息集成程序进程类型著干了面发',
  '\uf900', // 豈 (compatibility ideograph)
  '⿰', // an ideographic description character: opencc-js reads what follows as one unit
  '⿱',
  '𠀀',
  ...'，。！？；：、,.!? \n',
  ...'abcXYZ019',
];

describe('opencc fast path', () => {
  it('converts every seed article and guide page exactly as opencc-js does', () => {
    for (const t of seedTexts) {
      expect(toSimplified(t)).toBe(refSimplified(t));
      expect(toTraditional(t, 'tw')).toBe(refTw(t));
    }
  });

  it('agrees with opencc-js on random mixed text, in every direction', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (chars) => {
        const t = chars.join('');
        expect(toSimplified(t)).toBe(refSimplified(t));
        expect(toSimplifiedPhrases(t)).toBe(refPhrases(t));
        expect(toTraditional(t, 'tw')).toBe(refTw(t));
        expect(toTraditional(t, 'hk')).toBe(refHk(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalises for search exactly as its steps one after another do', () => {
    for (const t of seedTexts) expect(normalizeForSearch(t)).toBe(refNormalize(t));
    // Characters each step changes: full width, upper case (Σ has a context rule, İ
    // lower-cases to two code units), 帐, astral letters with a lower-case form (𐐀).
    const steps = [...'ＡＢｃ１２３％　ABCXYZ', 'Σ', 'ΣΑ', 'İ', 'É', '帐', '帳', '𐐀', '😀', ...'QQ微信APP'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET, ...steps), { maxLength: 40 }), (chars) => {
        const t = chars.join('');
        expect(normalizeForSearch(t)).toBe(refNormalize(t));
      }),
      { numRuns: 3000 },
    );
    // Every BMP code unit alone, and after a Han character and before a clause end.
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      expect(normalizeForSearch(ch)).toBe(refNormalize(ch));
      expect(normalizeForSearch(`的${ch}。`)).toBe(refNormalize(`的${ch}。`));
    }
  });

  it("ships tables that are what opencc-js's dictionaries give (else run npm run gen:opencc)", () => {
    for (const [from, to] of CONVERSIONS) expect(OPENCC_TABLES[`${from}->${to}`]).toEqual(computeTable(from, to));
  });

  it('detects the script as converting each character would', () => {
    const byConverting = (t: string) => {
      const han = t.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu) ?? [];
      const trad = han.filter((c) => refHkCn(c) !== c).length;
      const simp = han.filter((c) => refHkCn(c) === c && refHk(c) !== c).length;
      return trad > simp;
    };
    for (const t of [...seedTexts.slice(0, 20), '詐騙集團', '诈骗集团', '臺灣的網路', '裏面']) {
      if (detectScript(t) === 'latin') continue;
      expect(detectScript(t) === 'traditional', t.slice(0, 20)).toBe(byConverting(t));
    }
  });

  it('still converts what must change', () => {
    expect(toSimplified('詐騙集團，請勿轉帳。')).toBe('诈骗集团，请勿转帐。');
    expect(toSimplifiedPhrases('網路軟體')).toBe('网络软件');
    expect(toTraditional('诈骗', 'tw')).toBe('詐騙');
  });
});
