/**
 * Features of the checker's statistical model: character 1–3-grams of the normalised text
 * (Chinese, where words are not delimited) and word 1–2-grams (English), each with where it
 * first occurs, so that a verdict resting on the model can still quote the message.
 */
import type { Normalized } from '../normalize.js';

/** Longest character n-gram. 3 keeps the vocabulary small; 4-grams overfit 600 messages. */
export const MAX_CHAR_GRAM = 3;

/** A feature and the normalised span of its first occurrence. */
export type FeatureSpans = Map<string, [number, number]>;

const HAN = /\p{Script=Han}/u;
const LATIN_OR_SPACE = /[a-z0-9\s'.]/u;
const WORD = /[a-z][a-z']*|\d+/gu;

/**
 * Features of a normalised text. Digits are folded to 0 (amounts and numbers vary, their
 * shape does not); a character gram must hold at least one non-Latin character (English is
 * covered by words, where character grams are noise); a unigram must be Han.
 */
export function extractFeatures(n: Pick<Normalized, 'text'>): FeatureSpans {
  const s = n.text.replace(/\d/gu, '0');
  const out: FeatureSpans = new Map();
  const chars = [...s];
  // Code-unit offset of each code point, so spans index n.text.
  const at: number[] = [];
  let off = 0;
  for (const ch of chars) {
    at.push(off);
    off += ch.length;
  }
  at.push(off);
  // Grams built by extension (no slicing): this runs on every checked message.
  const latin = chars.map((c) => LATIN_OR_SPACE.test(c));
  for (let i = 0; i < chars.length; i++) {
    let gram = '';
    let allLatin = true;
    for (let len = 1; len <= MAX_CHAR_GRAM && i + len <= chars.length; len++) {
      const c = chars[i + len - 1];
      if (c === '\n' || c === '\r') break;
      gram += c;
      allLatin &&= latin[i + len - 1];
      if (len === 1 && !HAN.test(c)) continue;
      if (allLatin) continue;
      if (!out.has(gram)) out.set(gram, [at[i], at[i + len]]);
    }
  }
  let prev: { w: string; from: number } | undefined;
  let prevEnd = -1;
  for (const m of s.matchAll(WORD)) {
    const w = /^\d/u.test(m[0]) ? '0' : m[0];
    const from = m.index;
    const to = from + m[0].length;
    const key = `w:${w}`;
    if (!out.has(key)) out.set(key, [from, to]);
    // A bigram only across plain spacing (not across punctuation or a line).
    if (prev && /^[ \t]+$/u.test(s.slice(prevEnd, from))) {
      const bi = `w:${prev.w} ${w}`;
      if (!out.has(bi)) out.set(bi, [prev.from, to]);
    }
    prev = { w, from };
    prevEnd = to;
  }
  return out;
}
