/**
 * Plain-text rendering of a {@link CheckResult} for the CLI and the terminal chat: the
 * verdict line with a level mark, the red flags each quoting its evidence, and the entities.
 */
import { redFlagById } from '../knowledge/red-flags.js';
import { ROUTINE_NOTICES } from '../knowledge/routine-notices.js';
import { scamTypeById } from '../knowledge/scam-types.js';
import { type CheckResult, type Label, NO_SIGNS_TEXT, type Verdict } from './types.js';

/** Which label of a {@link Label} to use. */
export type LabelLang = keyof Label;

/** Level mark of each verdict: red, amber, and a neutral mark (never a green "safe"). */
export const VERDICT_MARK: Record<Verdict, string> = { scam: '🔴', suspicious: '🟠', 'no-signs': '⚪' };

/** Verdict wording in the three languages. `no-signs` is the fixed wording of the contract. */
export const VERDICT_TEXT: Record<Verdict, Label> = {
  scam: { zh: '高度疑似诈骗', zhHant: '高度疑似詐騙', en: 'Very likely a scam' },
  suspicious: { zh: '可疑，有诈骗特征', zhHant: '可疑，有詐騙特徵', en: 'Suspicious: it shows signs of fraud' },
  'no-signs': NO_SIGNS_TEXT,
};

const WORDS: Record<string, Label> = {
  type: { zh: '类型', zhHant: '類型', en: 'Type' },
  flags: { zh: '危险信号', zhHant: '危險信號', en: 'Red flags' },
  routine: { zh: '识别为', zhHant: '識別為', en: 'Recognised as' },
  links: { zh: '链接', zhHant: '連結', en: 'Links' },
  phones: { zh: '电话', zhHant: '電話', en: 'Phone numbers' },
  accounts: { zh: '账号', zhHant: '帳號', en: 'Accounts' },
  amounts: { zh: '金额', zhHant: '金額', en: 'Amounts' },
};

/** The verdict line: level mark, verdict, and the scam type when known. */
export function verdictLine(r: CheckResult, lang: LabelLang = 'zh'): string {
  const type = r.scamType ? scamTypeById(r.scamType) : undefined;
  const typeName = type ? (lang === 'en' ? type.nameEn : lang === 'zhHant' ? type.nameHant : type.name) : '';
  const sep = lang === 'en' ? ' — ' : '：';
  return `${VERDICT_MARK[r.verdict]} ${VERDICT_TEXT[r.verdict][lang]}${typeName ? `${sep}${WORDS.type[lang]} ${typeName}` : ''}`;
}

/** Human-readable report of a check. */
export function formatCheck(r: CheckResult, lang: LabelLang = 'zh'): string {
  const lines = [verdictLine(r, lang)];
  if (r.routine) {
    const kind = ROUTINE_NOTICES.find((k) => k.id === r.routine);
    if (kind) lines.push(`${WORDS.routine[lang]}: ${kind.label[lang]}`);
  }
  if (r.redFlags.length) {
    lines.push(`${WORDS.flags[lang]}:`);
    const [open, close] = lang === 'en' ? ['"', '"'] : ['「', '」'];
    for (const f of r.redFlags) {
      const explain = redFlagById(f.id)?.explain[lang] ?? '';
      lines.push(`  • ${f.label[lang]} ${open}${f.evidence}${close}${explain ? ` — ${explain}` : ''}`);
    }
  }
  const e = r.entities;
  const ent: [string, string[]][] = [
    [WORDS.links[lang], e.urls],
    [WORDS.phones[lang], e.phones],
    [WORDS.accounts[lang], e.accounts],
    [WORDS.amounts[lang], e.amounts],
  ];
  for (const [name, list] of ent) if (list.length) lines.push(`${name}: ${list.join(', ')}`);
  return lines.join('\n');
}
