/**
 * Normalisation of untrusted input text (questions, checked messages, article files)
 * before any matching. People who write messages to slip past filters put invisible
 * characters inside words (`杀\u200b猪\u200b盘`) or use look-alike compatibility forms
 * (`ｆｕｌｌ`, `①`, Kangxi radicals `⼈`); both must read as the plain word.
 */

// Format characters (Unicode category Cf: zero-width space/joiners, bidi controls, soft
// hyphen, BOM…) and variation selectors never carry meaning in our texts; they are removed.
const INVISIBLE = /\p{Cf}|[\uFE00-\uFE0F]/gu;
// C0/C1 control characters other than tab and line breaks (a NUL inside a text file, a
// stray escape) are removed too: they cannot be shown to a person and break matching.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
// Full-width sentence punctuation (，？！：；（）～) is the normal way to write Chinese; NFKC would turn
// it (and the ellipsis …) into ASCII, which changes how sentences are split and quoted. It is left alone, and
// NFKC is applied to everything else (full-width letters and digits, circled numbers,
// Kangxi radicals, ligatures, and the full-width ．／＠ that hide links).
const KEEP_WIDE_PUNCTUATION = /[^\u2025\u2026\uFF01\uFF08\uFF09\uFF0C\uFF1A\uFF1B\uFF1F\uFF5E]+/gu;

/**
 * Removes invisible format and control characters and applies NFKC (except to
 * full-width Chinese punctuation). Line breaks and tabs are kept. Idempotent.
 */
export function normalizeInput(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(KEEP_WIDE_PUNCTUATION, (s) => s.normalize('NFKC'));
}

/** Removes only invisible format and control characters (no NFKC), keeping all other characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, '');
}
