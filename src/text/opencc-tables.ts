/**
 * The tables of our opencc fast path (script.ts), computed from opencc-js's own
 * dictionaries: for each conversion, its "trigger" characters (a clause without any is
 * left unchanged by opencc-js), the clause ends no dictionary key contains (conversion
 * never looks across them), and what the conversion does to each single character.
 *
 * Computing them parses every dictionary (~0.2 s and a lot of garbage), which every
 * process start would pay: so they are generated once into opencc-tables.generated.ts by
 * `npm run gen:opencc`, and a test checks the generated file against this computation
 * (an opencc-js upgrade that changes a dictionary fails it until regenerated).
 */
import * as OpenCC from 'opencc-js';

/** The conversions script.ts uses, as opencc-js from→to pairs. */
export const CONVERSIONS = [
  ['hk', 'cn'],
  ['tw', 'cn'],
  ['twp', 'cn'],
  ['cn', 'hk'],
  ['cn', 'tw'],
] as const;

/** One conversion's tables. */
export interface ConversionTable {
  /** Trigger characters, concatenated (code points). */
  triggers: string;
  /** Clause ends, concatenated. */
  ends: string;
  /** Every single character the conversion changes, with what it becomes. */
  chars: Record<string, string>;
}

/**
 * Characters that end a clause in any text. Those that occur in no dictionary key of a
 * conversion are its clause ends: clauses between them convert independently.
 */
const CLAUSE_ENDS = '，。！？；：、,.!?;:\n\r\t ()（）「」『』“”《》';

type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];
interface LocaleConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

function entriesOf(d: DictLike): Iterable<readonly [string, string]> {
  if (typeof d !== 'string') return d;
  return d === '' ? [] : d.split('|').map((line) => line.split(' ') as unknown as [string, string]);
}

/** opencc-js's name of the preset it uses for a from→to pair (see its Converter). */
function configName(from: string, to: string): string {
  if (from === 'cn') return `s2${to}`;
  if (to === 'cn') return from === 'hkp' ? 'hk2sp' : from === 'twp' ? 'tw2sp' : `${from}2s`;
  return `${from}2${to}`;
}

function isGroup(x: DictLike | DictGroup): x is DictGroup {
  return Array.isArray(x) && x.every((d) => typeof d === 'string' || (Array.isArray(d) && Array.isArray(d[0])));
}

/**
 * The tables of a conversion, or undefined when opencc-js has no preset for it.
 *
 * A dictionary entry whose replacement differs from its key can only match text that
 * holds all of the key's characters; so a trigger is, for every trie of the conversion,
 * the key of each changing single-character entry, and one character (the first changed)
 * of each changing phrase that holds no such key. Entries that map to themselves change
 * nothing wherever they match.
 */
export function computeTable(from: string, to: string): ConversionTable | undefined {
  const configs = (OpenCC as unknown as { Locale?: { configs?: Record<string, LocaleConfig> } }).Locale?.configs;
  const config = configs?.[configName(from, to)];
  if (!config) return undefined;
  const triggers = new Set<string>();
  const keyChars = new Set<string>();
  const singles = new Set<string>();
  /** Each group's trie contents and the characters of its multi-character keys. */
  const groups: { effective: Map<string, string>; phraseChars: Set<string> }[] = [];
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    // One trie per group; on equal keys the first dictionary wins (opencc-js loads the
    // group in reverse, so earlier dictionaries overwrite later ones).
    const effective = new Map<string, string>();
    for (const dict of group) for (const [k, v] of entriesOf(dict)) if (!effective.has(k)) effective.set(k, v);
    const phrases: [string[], string][] = [];
    const phraseChars = new Set<string>();
    groups.push({ effective, phraseChars });
    for (const [k, v] of effective) {
      const cs = [...k];
      for (const c of cs) keyChars.add(c);
      if (cs.length > 1) for (const c of cs) phraseChars.add(c);
      if (cs.length === 1) singles.add(k);
      if (k === v) continue;
      if (cs.length === 1) triggers.add(k);
      else phrases.push([cs, v]);
    }
    for (const [cs, v] of phrases) {
      if (cs.some((c) => triggers.has(c))) continue;
      const out = [...v];
      triggers.add(cs.find((c, i) => out[i] !== c) ?? cs[0]);
    }
  }
  const seg = config.segmentation;
  const segDicts: DictLike[] =
    seg === undefined ? [] : typeof seg === 'string' || !isGroup(seg) ? [seg as DictLike] : [...seg];
  for (const d of segDicts) for (const [k] of entriesOf(d)) for (const c of k) keyChars.add(c);
  // A single character can only be changed by single-character entries: what opencc-js
  // itself makes of each of them is the character table.
  const convert = OpenCC.Converter({ from, to } as Parameters<typeof OpenCC.Converter>[0]);
  const chars: Record<string, string> = {};
  for (const c of [...singles].sort()) {
    const out = convert(c);
    if (out !== c) chars[c] = out;
  }
  // A trigger that only single-character entries ever touch, and that the chain as a
  // whole gives back unchanged (群 → 羣 → 群 from Taiwan forms to Simplified), changes no
  // clause it is alone in: each group converts it on its own (no multi-character key of
  // the group holds the form it has there), and the last gives back the first. Such
  // characters are common in Simplified text (群, 户, 温), which would otherwise all go
  // through opencc-js.
  const roundTrips = (t: string): boolean => {
    let x = t;
    for (const g of groups) {
      if (g.phraseChars.has(x)) return false;
      x = g.effective.get(x) ?? x;
      if ([...x].length !== 1) return false;
    }
    return x === t;
  };
  for (const t of [...triggers]) if (roundTrips(t)) triggers.delete(t);
  return {
    triggers: [...triggers].sort().join(''),
    ends: [...CLAUSE_ENDS].filter((c) => !keyChars.has(c)).join(''),
    chars,
  };
}
