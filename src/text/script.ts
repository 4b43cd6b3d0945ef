/**
 * Script (简体/繁體) detection and conversion, and character-width normalisation.
 *
 * Conversion is delegated to opencc-js, whose phrase tables handle regional vocabulary
 * (網路→网络, 軟體→软件) that a character-by-character table would get wrong.
 */
import * as OpenCC from 'opencc-js';

/** The written form of a text. `latin` means no (or almost no) Han characters. */
export type Script = 'simplified' | 'traditional' | 'latin';

/** Which Traditional variant to render for a reader: Taiwan (default) or Hong Kong. */
export type TraditionalVariant = 'tw' | 'hk';

type Convert = (text: string) => string;

// Converters are built lazily: each one loads dictionaries, and a process that never
// meets Traditional text should not pay for them.
const converters = new Map<string, Convert>();
function converter(from: string, to: string): Convert {
  const key = `${from}->${to}`;
  const cached = converters.get(key);
  if (cached) return cached;
  const c = OpenCC.Converter({ from, to } as Parameters<typeof OpenCC.Converter>[0]);
  converters.set(key, c);
  return c;
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
  const han = text.match(HAN) ?? [];
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (han.length === 0 || (han.length < 2 && latin > 3)) return 'latin';
  if (latin > han.length * 3) return 'latin';
  const t2s = converter('hk', 'cn');
  const s2t = converter('cn', 'hk');
  let trad = 0;
  let simp = 0;
  for (const ch of han) {
    if (t2s(ch) !== ch) trad++;
    else if (s2t(ch) !== ch) simp++;
  }
  return trad > simp ? 'traditional' : 'simplified';
}

/**
 * Converts Traditional text (Taiwan or Hong Kong forms) to Simplified, character by
 * character. Deliberately without opencc's Taiwan phrase table: applied to mainland prose
 * written in Traditional characters it rewrites correct words (小程序→小进程,
 * 整合→集成, 建立→创建), which would corrupt the quotes we show.
 */
export function toSimplified(text: string): string {
  return converter('hk', 'cn')(converter('tw', 'cn')(text));
}

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
  return text.replace(
    /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f\uff1d\uff20\uff03\uff06\u3000]/g,
    (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)),
  );
}

/** Normalises any user or article text for matching: half-width, Simplified, lower-case Latin. */
export function normalizeForSearch(text: string): string {
  // 帐/账 are both standard Simplified, but opencc emits 帐 where the articles write 账.
  return toSimplified(toHalfWidth(text)).toLowerCase().replace(/帐/g, '账');
}
