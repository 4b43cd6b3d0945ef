/**
 * Script (简体/繁體) detection and conversion, and character-width normalisation.
 *
 * Conversion is delegated to opencc-js, whose phrase tables handle regional vocabulary
 * (網路→网络, 軟體→软件) that a character-by-character table would get wrong.
 */
import * as OpenCC from 'opencc-js';
import { OPENCC_TABLES } from './opencc-tables.generated.js';

/** The written form of a text. `latin` means no (or almost no) Han characters. */
export type Script = 'simplified' | 'traditional' | 'latin';

/** Which Traditional variant to render for a reader: Taiwan (default) or Hong Kong. */
export type TraditionalVariant = 'tw' | 'hk';

type Convert = (text: string) => string;

// Converters are built lazily: each one loads dictionaries, and a process that never
// meets a character they would change should not pay for them.
const converters = new Map<string, Convert>();
function converter(from: string, to: string): Convert {
  const key = `${from}->${to}`;
  const cached = converters.get(key);
  if (cached) return cached;
  const c = withFastPath(from, to);
  converters.set(key, c);
  return c;
}

/** The block of ideographic description characters (U+2FF0–U+2FFF). */
const IDS_FIRST = 0x2ff0;
const IDS_LAST = 0x2fff;

/** What a code unit means to a conversion's fast path (bits of {@link conversionTable}). */
const TRIGGER = 1; // a character some dictionary entry that changes text contains
const ASTRAL = 2; // a high surrogate that may start an astral trigger
const END = 4; // a clause end no dictionary key contains
const WHOLE = 8; // an ideographic description character: the text is converted whole
/** The bits that mean "this conversion may change the text". */
const MAY_CHANGE = TRIGGER | ASTRAL | WHOLE;

type ConversionScan = { triggers: Set<number>; table: Uint8Array };
const conversionTables = new Map<string, ConversionScan | undefined>();

/** The trigger set and per-code-unit table of a conversion (built once), or undefined without tables. */
function conversionTable(from: string, to: string): ConversionScan | undefined {
  const key = `${from}->${to}`;
  if (!conversionTables.has(key)) conversionTables.set(key, buildConversionTable(key));
  return conversionTables.get(key);
}

function buildConversionTable(key: string): ConversionScan | undefined {
  const tables = OPENCC_TABLES[key];
  if (!tables) return undefined;
  const triggers = new Set([...tables.triggers].map((c) => c.codePointAt(0)!));
  // Lookup by UTF-16 code unit (a Set of code points was a third of the scan's time).
  const table = new Uint8Array(0x10000);
  for (const c of triggers) {
    if (c <= 0xffff) table[c] |= TRIGGER;
    else table[0xd800 + ((c - 0x10000) >> 10)] |= ASTRAL;
  }
  for (const c of tables.ends) table[c.charCodeAt(0)] |= END;
  // Ideographic description characters (⿰…) make opencc-js read the characters after them
  // as one unit, across clause ends: a text holding one is converted whole.
  for (let c = IDS_FIRST; c <= IDS_LAST; c++) table[c] |= WHOLE;
  return { triggers, table };
}

/**
 * An opencc-js converter that skips the dictionaries where they cannot change anything.
 *
 * Why: opencc-js walks a trie at every character, two to three times per conversion, and
 * that was about 40 % of ingestion CPU (issue 11), although most text we convert is
 * already Simplified and comes out unchanged. A clause (text between two clause ends)
 * without any of the conversion's trigger characters is returned as it is, without
 * loading a dictionary; a clause with one goes through opencc-js itself, so the output is
 * exactly opencc-js's (a property test holds it to that, tests/text/script.test.ts). The
 * tables are generated from opencc-js's dictionaries (opencc-tables.ts).
 */
function withFastPath(from: string, to: string): Convert {
  let slow: Convert | undefined;
  const full = (text: string) => {
    slow ??= OpenCC.Converter({ from, to } as Parameters<typeof OpenCC.Converter>[0]) as Convert;
    return slow(text);
  };
  const conv = conversionTable(from, to);
  if (!conv) return full;
  const { triggers, table } = conv;
  const isTrigger = (text: string, i: number) => {
    const t = table[text.charCodeAt(i)];
    return (t & TRIGGER) !== 0 || ((t & ASTRAL) !== 0 && triggers.has(text.codePointAt(i)!));
  };

  return (text: string) => {
    let hit = -1;
    for (let i = 0; i < text.length; i++) {
      const t = table[text.charCodeAt(i)];
      if (t & WHOLE) return full(text);
      if (hit < 0 && t & (TRIGGER | ASTRAL) && isTrigger(text, i)) hit = i;
    }
    if (hit < 0) return text;
    // Convert only the clauses that hold a trigger; the others are copied. Clause ends are
    // all in the BMP, and no trigger starts on a low surrogate, so scanning code units is
    // enough.
    let out = '';
    let start = 0;
    let triggered = false;
    for (let i = 0; i < text.length; i++) {
      const t = table[text.charCodeAt(i)];
      if (t & END) {
        const clause = text.slice(start, i);
        out += (triggered ? full(clause) : clause) + text[i];
        start = i + 1;
        triggered = false;
      } else if (!triggered && i >= hit && t & (TRIGGER | ASTRAL) && isTrigger(text, i)) {
        triggered = true;
      }
    }
    const last = text.slice(start);
    return out + (triggered ? full(last) : last);
  };
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/** Number of Han characters in `text`. */
export function countHan(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

/** True for one Han (CJK unified ideograph) character. */
export function isHan(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * Detects the script of `text` by counting the characters that only one of the two
 * scripts uses: a character that opencc's t→s table changes is Traditional-only, one that
 * the s→t table changes is Simplified-only. Characters common to both are ignored.
 */
export function detectScript(text: string): Script {
  // One pass over code units (HAN only matches BMP characters); the per-character table
  // replaces an array of one-character strings and two object lookups per character.
  const kinds = (scriptKinds ??= buildScriptKinds());
  let han = 0;
  let latin = 0;
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      han++;
      const k = kinds[c];
      if (k === TRAD_ONLY) trad++;
      else if (k === SIMP_ONLY) simp++;
    }
  }
  if (han === 0 || (han < 2 && latin > 3)) return 'latin';
  if (latin > han * 3) return 'latin';
  return trad > simp ? 'traditional' : 'simplified';
}

const TRAD_ONLY = 1;
const SIMP_ONLY = 2;
let scriptKinds: Uint8Array | undefined;

/**
 * What the conversions do to single BMP characters, from the generated tables (the same
 * as converting each character, without building a converter): {@link TRAD_ONLY} for a
 * character the t→s table changes, else {@link SIMP_ONLY} for one the s→t table changes.
 */
function buildScriptKinds(): Uint8Array {
  const kinds = new Uint8Array(0x10000);
  for (const ch of Object.keys(OPENCC_TABLES['cn->hk'].chars)) if (ch.length === 1) kinds[ch.charCodeAt(0)] = SIMP_ONLY;
  for (const ch of Object.keys(OPENCC_TABLES['hk->cn'].chars)) if (ch.length === 1) kinds[ch.charCodeAt(0)] = TRAD_ONLY;
  return kinds;
}

/**
 * Converts Traditional text (Taiwan or Hong Kong forms) to Simplified, character by
 * character. Deliberately without opencc's Taiwan phrase table: applied to mainland prose
 * written in Traditional characters it rewrites correct words (小程序→小进程,
 * 整合→集成, 建立→创建), which would corrupt the quotes we show.
 */
export function toSimplified(text: string): string {
  // Most text we convert is Simplified already: one scan for both conversions' triggers
  // (each converter would scan it again) returns it as it is. Exact: a text without any
  // trigger of tw→cn comes out of it unchanged, and then holds none of hk→cn's either.
  if (!anyMarked(text, (simplifyMarks ??= buildSimplifyMarks()))) return text;
  return converter('hk', 'cn')(converter('tw', 'cn')(text));
}

/** True when some code unit of `text` is marked (non-zero) in `marks`. */
function anyMarked(text: string, marks: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (marks[text.charCodeAt(i)] !== 0) return true;
  return false;
}

let simplifyMarks: Uint8Array | undefined;

/** 1 for a code unit that tw→cn or hk→cn may change (a trigger, a high surrogate, an IDS). */
function buildSimplifyMarks(): Uint8Array {
  const marks = new Uint8Array(0x10000);
  for (const [from, to] of SIMPLIFY) {
    const table = conversionTable(from, to)?.table;
    // Without tables (not generated for this pair) every code unit takes the full path.
    if (!table) return marks.fill(1);
    for (let c = 0; c < 0x10000; c++) if (table[c] & MAY_CHANGE) marks[c] = 1;
  }
  return marks;
}

/** The conversions of {@link toSimplified}, in the order applied. */
const SIMPLIFY = [
  ['tw', 'cn'],
  ['hk', 'cn'],
] as const;

/**
 * Phrase-aware Traditional → Simplified (網路→网络, 軟體→软件, 簡訊→短信), for what a
 * Taiwanese reader types. Used on queries, next to {@link toSimplified}, never on articles.
 */
export function toSimplifiedPhrases(text: string): string {
  return converter('twp', 'cn')(text);
}

/**
 * Converts Simplified text to Traditional characters in the reader's variant. Character
 * level on purpose: answers quote articles, and phrase tables would change their words
 * (信息→資訊, 类型→型別), which is no longer a quotation.
 */
export function toTraditional(text: string, variant: TraditionalVariant = 'tw'): string {
  return converter('cn', variant)(text);
}

/**
 * Full-width ASCII letters, digits and a few symbols → half-width; ideographic space →
 * ASCII space. Chinese punctuation (，。：；！？（）) stays full-width on purpose: it is
 * the correct form in Chinese prose, and NFKC would wrongly turn it into ASCII.
 */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** The characters {@link toHalfWidth} replaces. */
const FULL_WIDTH =
  /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f\uff1d\uff20\uff03\uff06\u3000]/g;

/** Normalises any user or article text for matching: half-width, Simplified, lower-case Latin. */
export function normalizeForSearch(text: string): string {
  // Every passage, question and sentence checked goes through here, most of them already
  // normal: one scan for any code unit that one of the steps below may change returns
  // those as they are, instead of five passes (half-width, two conversions, lower case,
  // 帐) that each copy or rescan the text (issue 11). Exact by construction of the marks.
  return anyMarked(text, (normalizeMarks ??= buildNormalizeMarks())) ? normalizeSlowly(text) : text;
}

/** {@link normalizeForSearch} step by step. */
function normalizeSlowly(text: string): string {
  // 帐/账 are both standard Simplified, but opencc emits 帐 where the articles write 账.
  return toSimplified(toHalfWidth(text)).toLowerCase().replace(/帐/g, '账');
}

let normalizeMarks: Uint8Array | undefined;

/**
 * 1 for a code unit that {@link normalizeSlowly} may change: the conversions' marks, the
 * characters toHalfWidth replaces, those toLowerCase changes (alone: its one context rule,
 * final sigma, applies to Σ, which is marked), 帐, and every high surrogate (an astral
 * character may have a lower-case form).
 */
function buildNormalizeMarks(): Uint8Array {
  const marks = (simplifyMarks ??= buildSimplifyMarks()).slice();
  // The Unicode property rather than toLowerCase on each of 65,536 characters (8 ms at
  // start); the tests compare the two paths on every BMP code unit.
  const changes = new RegExp(`\\p{Changes_When_Lowercased}|${FULL_WIDTH.source}`, 'u');
  for (let c = 0; c < 0x10000; c++) if (changes.test(String.fromCharCode(c))) marks[c] = 1;
  for (let c = 0xd800; c <= 0xdbff; c++) marks[c] = 1;
  marks['帐'.charCodeAt(0)] = 1;
  return marks;
}
