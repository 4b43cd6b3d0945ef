/**
 * Normalisation for matching, with a map back to the original text, so that every piece
 * of evidence we quote is an exact span of what the user sent.
 *
 * Each code point of the input is normalised on its own: format and zero-width characters
 * are dropped (`杀\u200b猪\u200b盘` → 杀猪盘), NFKC folds full-width and compatibility
 * forms, Traditional characters become Simplified (character level, so the mapping stays
 * one input code point → a few output units), Latin is lower-cased, and spaces (not line breaks) between two
 * Han characters (OCR output, spaced-out evasion) are removed.
 */
import { toSimplified } from '../text/script.js';

/** A normalised text and, for each of its UTF-16 units, the original span it came from. */
export interface Normalized {
  original: string;
  text: string;
  /** `start[i]`..`end[i]` is the original span of `text[i]`. */
  start: Int32Array;
  end: Int32Array;
}

// Zero-width and other format characters (Cf) plus variation selectors: invisible, used to
// split words past keyword filters.
const INVISIBLE = /\p{Cf}|\u180e|\p{Variation_Selector}|\u034f/u;
const HAN = /\p{Script=Han}/u;
// Horizontal space only: line breaks carry the shape of a chat log.
const SPACE = /[^\S\n\r]/u;
// Chinese full-width punctuation stays as it is (NFKC would make it ASCII): the
// patterns and clause boundaries are written with it, as Chinese prose is.
const KEEP = new Set(['，', '！', '？', '；', '：', '（', '）']);

/**
 * The characters that opencc's t→s conversion changes although they are already
 * Simplified-only (its s→t conversion changes them too): they are kept as they are.
 * Listed rather than asked of the s→t converter at run time, because building that
 * converter cost ~0.2–0.4 s of every cold start whose question holds one of them (么 in
 * 什么, 怎么). Every Han code point is checked against opencc in tests/check/normalize.test.ts.
 */
export const SIMPLIFIED_KEPT: ReadonlySet<string> = new Set([
  ...'么僞啓喫嫺嬀峯樑潙爲牀癡皁祕竈糉緼繮纔羣脣苧蔘蔿藴衆裏覈輼醖鉢鍼鮎麪麽齶',
]);

// Normalised form of each code point seen; a checker process meets a few thousand.
const cache = new Map<string, string>();
// Bound on the cache so that a stream of exotic input cannot grow it without limit.
const CACHE_MAX = 50_000;

function normalizeChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = '';
  if (KEEP.has(ch)) out = ch;
  else if (!INVISIBLE.test(ch)) {
    out = ch.normalize('NFKC');
    // A character that already is Simplified-only stays: opencc's t→s table maps some of
    // them again (么 → 幺); those are SIMPLIFIED_KEPT.
    if (HAN.test(out)) {
      const simplified = toSimplified(out);
      if (simplified !== out && !SIMPLIFIED_KEPT.has(out)) out = simplified;
    }
    out = out.replace(/帐/g, '账');
    out = out.toLowerCase();
  }
  if (cache.size < CACHE_MAX) cache.set(ch, out);
  return out;
}

/** Normalises `original` for matching and keeps the offset map. */
export function normalize(original: string): Normalized {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    const ch = original.slice(i, i + len);
    const n = normalizeChar(ch);
    for (const unit of n) {
      // A code point can expand (NFKC: ㈱ → (株)); every unit maps to the whole source.
      for (let k = 0; k < unit.length; k++) {
        chars.push(unit[k]);
        starts.push(i);
        ends.push(i + len);
      }
    }
    i += len;
  }
  // Drop whitespace runs between two Han characters.
  const keep: boolean[] = chars.map(() => true);
  for (let i = 0; i < chars.length; i++) {
    if (!SPACE.test(chars[i])) continue;
    let j = i;
    while (j < chars.length && SPACE.test(chars[j])) j++;
    if (i > 0 && j < chars.length && HAN.test(chars[i - 1]) && HAN.test(chars[j]))
      for (let k = i; k < j; k++) keep[k] = false;
    i = j - 1;
  }
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!keep[i]) continue;
    text += chars[i];
    start.push(starts[i]);
    end.push(ends[i]);
  }
  return { original, text, start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** The original span behind normalised units `from`..`to` (exclusive): an exact substring. */
export function originalSpan(n: Normalized, from: number, to: number): string {
  if (to <= from || from >= n.text.length) return '';
  return n.original.slice(n.start[from], n.end[Math.min(to, n.text.length) - 1]);
}
