/**
 * Fixed wording of answers (headings, framing lines, the off-topic reply), per language,
 * and the conversion of Simplified answers to Traditional in the reader's regional wording.
 */
import * as OpenCC from 'opencc-js';
import type { Label, Verdict } from '../check/types.js';
import { NEXT_STEPS, REGIONAL_WORDS } from '../knowledge/glossary.js';
import type { Language } from '../retrieval/query.js';
import type { TraditionalVariant } from '../text/script.js';
import type { SectionKind } from './types.js';

type Lang = 'zh' | 'en';

/** 'zh' for both Chinese scripts, 'en' for English. */
export function baseLang(language: Language): Lang {
  return language === 'en' ? 'en' : 'zh';
}

/** Default heading of each section kind. */
export const HEADINGS: Record<Lang, Record<SectionKind, string>> = {
  zh: {
    gist: '',
    verdict: '',
    facts: '要点',
    how: '骗局怎么运作',
    steps: '先做这几步',
    todo: '怎么办',
    rule: '一句话记住',
    tips: '警方提醒',
    case: '真实案例',
    flags: '危险信号',
  },
  en: {
    gist: '',
    verdict: '',
    facts: 'Good to know',
    how: 'How it works',
    steps: 'Do this first',
    todo: 'What to do',
    rule: 'Remember',
    tips: 'Police advice (quoted in Chinese)',
    case: 'A real case (from a Chinese police report, quoted in Chinese)',
    flags: 'Warning signs',
  },
};

/** Headings that differ by situation. */
export const EXTRA_HEADINGS: Record<
  Lang,
  Record<'messageFlags' | 'recovery' | 'support' | 'reports' | 'typesRules' | 'answer', string>
> = {
  zh: {
    messageFlags: '这条消息的可疑之处',
    recovery: '警方止付、追回的数据',
    support: '警方怎么说',
    reports: '警方通报',
    typesRules: '各类骗局一句话',
    answer: '直接回答',
  },
  en: {
    messageFlags: 'Warning signs in this message',
    recovery: 'Police figures on stopping payments and recovering money',
    support: 'What the police say (quoted in Chinese)',
    reports: 'What the police report (quoted in Chinese)',
    typesRules: 'One line on each',
    answer: 'Short answer',
  },
};

/** Heading of figures from one article: its place and title (figures of two cities never share one). */
export function factsHeading(lang: Lang, place: string | undefined, title: string): string {
  if (lang === 'en') return `${place ? `${place} — ` : ''}《${title}》 (quoted in Chinese)`;
  return `${place ? `${place} · ` : ''}《${title}》`;
}

export const SOURCES_HEADING: Record<Lang, string> = { zh: '来源', en: 'Sources' };

/** Our framing line naming the scam type (no citation: it is our own words). */
export function typeFraming(type: { name: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' ? `About: ${type.nameEn}.` : `关于「${type.name}」：`;
}

/** Our framing of the list of scam types. */
export function typesFraming(types: { name: string; nameEn: string }[], lang: Lang): string {
  return lang === 'en'
    ? `Common kinds of phone and online fraud include: ${types.map((t) => t.nameEn).join('; ')}.`
    : `常见的电信网络诈骗有：${types.map((t) => t.name).join('、')}。`;
}

export const GENERIC_GIST: Record<Lang, string> = {
  zh: '以下是反诈指南和警方资料中与你的问题有关的内容。',
  en: 'Here is what the anti-fraud guide and police reports say about your question.',
};

/** Level mark of each verdict: a message is never marked as safe. */
export const VERDICT_MARK: Record<Verdict, string> = { scam: '🔴', suspicious: '🟠', 'no-signs': '⚪' };

/** The verdict line of a checked message (our framing, no citation). */
export function verdictLine(verdict: Verdict, lang: Lang, typeName: string | undefined, noSigns: Label): string {
  const mark = VERDICT_MARK[verdict];
  if (verdict === 'no-signs') return `${mark} ${lang === 'en' ? noSigns.en : noSigns.zh}`;
  if (lang === 'en') {
    const what = verdict === 'scam' ? 'This message is very likely a scam' : 'This message is suspicious';
    return `${mark} ${what}${typeName ? ` (${typeName})` : ''}: do not pay, click or reply until you have verified it.`;
  }
  const what = verdict === 'scam' ? '这条消息很可能是诈骗' : '这条消息有可疑之处';
  return `${mark} ${what}${typeName ? `（${typeName}）` : ''}：核实之前不要转账、不要点链接、不要回复。`;
}

/** A red flag line: its label and the words of the message that raised it. */
export function flagLine(label: string, evidence: string, lang: Lang): string {
  return lang === 'en' ? `${label}: "${evidence}"` : `${label}：「${evidence}」`;
}

export const NEXT: Record<Lang, string> = { zh: NEXT_STEPS.zh, en: NEXT_STEPS.en };

/**
 * The next-steps footer for the reader's region: mainland China's 96110 and app in
 * Simplified answers, Taiwan's 165 or Hong Kong's 18222 and 999 in Traditional ones (still
 * Simplified here: the answer is converted as a whole).
 */
export function nextStepsFor(language: Language, variant: TraditionalVariant): string {
  if (language === 'en') return NEXT_STEPS.en;
  return language === 'zh-Hant' ? NEXT_STEPS[variant] : NEXT_STEPS.zh;
}

/** The fixed reply to questions outside the bot's scope. It cites nothing. */
export const OFF_TOPIC: Record<Lang, string> = {
  zh: '我是反诈助手，只回答和电信网络诈骗有关的问题：骗局是怎么运作的、收到的消息是不是诈骗、怎样防范、被骗了怎么办。这个问题不在我的范围内。\n\n你可以这样问我：“什么是杀猪盘？”“有人自称警察让我转账到安全账户，怎么办？”，或者把可疑短信直接发给我。\n\n遇到诈骗请拨打96110反诈专线咨询；紧急情况请立即拨打110报警。',
  en: 'I\'m the anti-fraud assistant: I answer questions about phone and online fraud — how scams work, whether a message you got is a scam, how to protect yourself and what to do if you were cheated. This question is outside what I can help with.\n\nTry asking: "What is a pig butchering scam?" or paste a suspicious message.\n\nFor help with fraud call the 96110 anti-fraud hotline; in an emergency call 110.',
};

/** Where the off-topic reply points to for help, by region (see {@link nextStepsFor}). */
const OFF_TOPIC_HELP = {
  zh: '遇到诈骗请拨打96110反诈专线咨询；紧急情况请立即拨打110报警。',
  tw: '遇到诈骗请拨打165反诈骗咨询专线；紧急情况请立即拨打110报警。',
  hk: '遇到诈骗请拨打18222“防骗易”热线咨询；紧急情况请立即拨打999报警。',
  en: 'For help with fraud call an anti-fraud hotline (96110 in mainland China, 165 in Taiwan, 18222 in Hong Kong); in an emergency call the police (110, or 999 in Hong Kong).',
} as const;

/** The off-topic reply with the hotlines of the reader's region. */
export function offTopicFor(language: Language, variant: TraditionalVariant): string {
  if (language === 'en') return OFF_TOPIC.en.replace(/For help with fraud[^\n]*$/u, OFF_TOPIC_HELP.en);
  const help = language === 'zh-Hant' ? OFF_TOPIC_HELP[variant] : OFF_TOPIC_HELP.zh;
  return OFF_TOPIC.zh.replace(OFF_TOPIC_HELP.zh, help);
}

/** Shown when the question was cut to the maximum length. */
export const TRUNCATED_NOTE: Record<Lang, (max: number) => string> = {
  zh: (max) => `（你的消息很长，我只看了前${max}个字。）`,
  en: (max) => `(Your message was long; I read only the first ${max} characters.)`,
};

type Convert = (text: string) => string;
const regional = new Map<TraditionalVariant, Convert>();

/**
 * Simplified → Traditional in the reader's regional wording: opencc's phrase tables
 * (Taiwan s2twp: 网络→網路, 链接→連結, 联系→聯絡; Hong Kong s2hk), then the small
 * post-table {@link REGIONAL_WORDS} for mainland forms the tables keep (轉賬 → 轉帳 in
 * Taiwan). Applied in the same way to every line and every cited passage, so a quoted line
 * stays a substring of its converted passage.
 */
export function toRegional(text: string, variant: TraditionalVariant = 'tw'): string {
  let convert = regional.get(variant);
  if (!convert) {
    const opencc = OpenCC.Converter({ from: 'cn', to: variant === 'hk' ? 'hk' : 'twp' } as Parameters<
      typeof OpenCC.Converter
    >[0]);
    const post = REGIONAL_WORDS[variant];
    convert = (t: string) => post.reduce((s, [from, to]) => s.split(from).join(to), opencc(t));
    regional.set(variant, convert);
  }
  return convert(text);
}
