import { describe, expect, it } from 'vitest';
import { normalize, SIMPLIFIED_KEPT } from '../../src/check/normalize.js';
import { toSimplified, toTraditional } from '../../src/text/script.js';

describe('normalisation of Han characters', () => {
  it('keeps exactly the characters that both t→s and s→t change (checked over every Han code point)', () => {
    // What the checker did before the list: keep a character when s→t changes it, convert
    // it to Simplified otherwise. The list must give the same result for every code point.
    const HAN = /\p{Script=Han}/u;
    const kept = new Set<string>();
    for (let cp = 0; cp <= 0x3ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const n = String.fromCodePoint(cp).normalize('NFKC');
      if (HAN.test(n) && toSimplified(n) !== n && toTraditional(n) !== n) kept.add(n);
    }
    expect([...kept].sort()).toEqual([...SIMPLIFIED_KEPT].sort());
  });

  it('converts Traditional characters and keeps Simplified-only ones', () => {
    expect(normalize('什麼是殺豬盤').text).toBe('什么是杀猪盘');
    expect(normalize('什么是杀猪盘').text).toBe('什么是杀猪盘');
    expect(normalize('爲').text).toBe('爲');
  });
});
