/**
 * Masking of stored question text: phone numbers, links, e-mail addresses, bank card
 * numbers, chat-app account ids and names of people are replaced by a placeholder before
 * anything is written to the record. Written by hand because no maintained library
 * covers Chinese personal data (names without spaces, 微信号/QQ号 forms, +886 numbers);
 * person names use jieba's part-of-speech tags plus the cues in src/knowledge/privacy.ts.
 */
import {
  ADDRESS_WORDS,
  COMMON_SURNAMES,
  HONORIFICS_EN,
  KINSHIP_EN,
  KINSHIP_ZH,
  NAME_CUES_EN,
  NAME_CUES_ZH,
  PERSON_TITLES,
} from '../knowledge/privacy.js';
import { toTraditional } from '../text/script.js';
import { getJieba } from '../text/tokenize.js';

/** Placeholders written instead of the masked data. */
export const MASKS = {
  link: '〔链接〕',
  email: '〔邮箱〕',
  card: '〔卡号〕',
  phone: '〔电话〕',
  account: '〔账号〕',
  name: '〔姓名〕',
  number: '〔号码〕',
} as const;

const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s，。！？、“”「」]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|cc|vip|info|shop|site|online|tw|hk|io|me|co|ly|gl|app|link|club)(?:\/[^\s，。！？、]*)?/giu;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
// Bank cards: 12–19 digits, optionally grouped by spaces or dashes.
const CARD_RE = /(?<!\d)(?:\d[ -]?){11,18}\d(?!\d)/gu;
// Phone numbers: +country, mainland mobiles, landlines, Taiwan 09xx, Hong Kong 8 digits, 400/800.
const PHONE_RE =
  /\+\d{1,3}(?:[ -]?\d){6,12}(?!\d)|(?<!\d)(?:1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{1,3}[ -]?\d{3,4}[ -]?\d{3,4}|09\d{2}[ -]?\d{3}[ -]?\d{3}|[4-9]\d{3}[ -]?\d{4}|[48]00[ -]?\d{3}[ -]?\d{4})(?!\d)/gu;
// Chat-app ids: "QQ 12345678", "微信号 abc_123", "vx: x", "LINE ID: x", "@handle".
const ACCOUNT_RE =
  /((?:(?:QQ|qq|扣扣|微信号?|VX|vx|wx|WX|V信|v信|LINE\s?ID|line\s?id|賴|赖|Line|LINE|Telegram|TG|tg|WhatsApp|飞机)\s*(?:号|號|帳號|账号|ID|id)?\s*[:：]?\s*)+)([A-Za-z0-9_.-]{4,30})/gu;
const HANDLE_RE = /(?<![\w.])@[A-Za-z][A-Za-z0-9_]{3,31}\b/gu;
// Any remaining run of 7+ digits (ids, order numbers) is masked too.
const LONG_NUMBER_RE = /(?<!\d)\d{7,}(?!\d)/gu;

// Surnames and titles in both scripts: questions are stored as written.
let nameRes: { surnameTitle: RegExp; familiar: RegExp; kin: RegExp } | undefined;
function nameRegexes(): { surnameTitle: RegExp; familiar: RegExp; kin: RegExp } {
  if (!nameRes) {
    const surname = `[${COMMON_SURNAMES}${toTraditional(COMMON_SURNAMES)}]`;
    const titles = [...new Set(PERSON_TITLES.flatMap((t) => [t, toTraditional(t)]))].join('|');
    nameRes = {
      // 张警官, 陈大爷, 王总: the surname is masked, the title kept (it says who, not which one).
      surnameTitle: new RegExp(`${surname}(?=(?:${titles}))`, 'gu'),
      // 小王, 老李: familiar forms.
      familiar: new RegExp(`(?<=[小老])${surname}`, 'gu'),
      // 我女儿小芳, 我儿子张伟, 我媽媽陳美玲: after a relation word, a familiar form or a
      // surname and one or two characters is a name (阿姨, 老师 are not: no surname follows).
      kin: new RegExp(
        `(${[...new Set(KINSHIP_ZH.flatMap((k) => [k, toTraditional(k)]))].join('|')})((?:[小阿][\\u4e00-\\u9fff])|(?:${surname}[\\u4e00-\\u9fff]{1,2}))`,
        'gu',
      ),
    };
  }
  return nameRes;
}
const CUE_ZH_RE = new RegExp(`(${NAME_CUES_ZH.join('|')})([\\u4e00-\\u9fff]{2,3})`, 'gu');
const CUE_EN_RE = new RegExp(`\\b(${NAME_CUES_EN.join('|')})\\s+([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)`, 'giu');
const KIN_EN_RE = new RegExp(`\\b(my (?:${KINSHIP_EN.join('|')}))\\s+([A-Z][a-z]+)\\b`, 'gu');
const HONORIFIC_RE = new RegExp(`\\b(${HONORIFICS_EN.join('|')})\\.?\\s+([A-Z][a-z]+)`, 'giu');

// Words jieba may tag as names that say who someone is, not which one.
const NOT_NAMES = new Set([...ADDRESS_WORDS, ...PERSON_TITLES, ...KINSHIP_ZH].flatMap((w) => [w, toTraditional(w)]));

/** Masks person names found by jieba's tagger (tag `nr`), leaving other words as they are. */
function maskTaggedNames(text: string): string {
  if (!/[\u4e00-\u9fff]/u.test(text)) return text;
  const words = getJieba().tag(text, true);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.tag === 'nr' && !NOT_NAMES.has(w.word)) {
      // Merge a surname and given name tagged separately (王 / 秀英).
      while (words[i + 1]?.tag === 'nr') i++;
      out += MASKS.name;
    } else out += w.word;
  }
  return out;
}

/**
 * Returns `text` with personal data replaced by placeholders. Order matters: links and
 * e-mail addresses first (they contain digits and @), then cards (longer than phones),
 * phones, account ids, then names.
 */
export function maskText(text: string): string {
  let t = text;
  t = t.replace(EMAIL_RE, MASKS.email);
  t = t.replace(URL_RE, MASKS.link);
  t = t.replace(ACCOUNT_RE, (_m, cue: string) => `${cue}${MASKS.account}`);
  t = t.replace(HANDLE_RE, MASKS.account);
  t = t.replace(CARD_RE, (m) => (m.replace(/\D/gu, '').length >= 15 ? MASKS.card : m));
  t = t.replace(PHONE_RE, MASKS.phone);
  t = t.replace(LONG_NUMBER_RE, MASKS.number);
  t = t.replace(nameRegexes().kin, (_m, kin: string) => `${kin}${MASKS.name}`);
  t = t.replace(CUE_ZH_RE, (_m, cue: string) => `${cue}${MASKS.name}`);
  t = t.replace(KIN_EN_RE, (_m, kin: string) => `${kin} ${MASKS.name}`);
  t = t.replace(CUE_EN_RE, (_m, cue: string) => `${cue} ${MASKS.name}`);
  t = t.replace(HONORIFIC_RE, (_m, h: string) => `${h} ${MASKS.name}`);
  t = maskTaggedNames(t);
  const { surnameTitle, familiar } = nameRegexes();
  t = t.replace(surnameTitle, MASKS.name);
  t = t.replace(familiar, MASKS.name);
  return t;
}
