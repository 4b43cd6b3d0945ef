/**
 * Character tests by UTF-16 code unit, for the loops that run over every character of a
 * corpus (cleaning, script detection): a regular expression per character, or an array of
 * one-character strings, cost a tenth of ingestion CPU there (issue 11).
 */

/**
 * True for a code unit that JavaScript's `\s` matches: the same set as the regular
 * expression (ECMAScript WhiteSpace and LineTerminator), checked by a test over every
 * code unit.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `Array.from(s.replace(/\s+/g, '')).length`: code points of `s` that are not white space. */
export function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpaceCode(c)) continue;
    // A surrogate pair is one code point; a lone surrogate counts as one, as Array.from does.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
