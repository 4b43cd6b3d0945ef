/**
 * Fixed wording of answers (headings, gist templates, the off-topic reply), per language.
 * Traditional text is produced from the Simplified wording by opencc at render time.
 */
import { NEXT_STEPS } from '../knowledge/glossary.js';
import type { ScamType } from '../knowledge/scam-types.js';
import type { Language } from '../retrieval/query.js';
import type { SectionKind } from './types.js';

type Lang = 'zh' | 'en';

/** 'zh' for both Chinese scripts, 'en' for English. */
export function baseLang(language: Language): Lang {
  return language === 'en' ? 'en' : 'zh';
}

export const HEADINGS: Record<Lang, Record<SectionKind, string>> = {
  zh: { gist: '', facts: '要点', how: '骗局手法', tips: '防范提醒', case: '真实案例', flags: '这条消息的可疑之处' },
  en: { gist: '', facts: 'What the sources say', how: 'How it works', tips: 'How to protect yourself', case: 'A real case', flags: 'Warning signs in this message' },
};

export const SOURCES_HEADING: Record<Lang, string> = { zh: '来源', en: 'Sources (quoted in Chinese)' };

export function gistFor(type: ScamType, lang: Lang): string {
  return lang === 'en' ? `This looks like: ${type.nameEn}. ${type.summaryEn}` : `这属于「${type.name}」类诈骗：${type.summary}`;
}

export const GENERIC_GIST: Record<Lang, string> = {
  zh: '以下是警方反诈资料中与你的问题有关的内容。',
  en: 'Here is what the police anti-fraud articles say about your question.',
};

export const CHECK_GIST: Record<Lang, (flags: number) => string> = {
  zh: (n) => (n >= 2 ? `这条消息有${n}处典型的诈骗特征，很可能是骗局，请不要按它说的做。` : '这条消息有可疑之处，请先核实，不要转账、不要点链接。'),
  en: (n) => (n >= 2 ? `This message shows ${n} typical signs of fraud and is very likely a scam: do not do what it asks.` : 'Parts of this message are suspicious: verify before you act, and do not pay or click links.'),
};

/** English framing for quoted Chinese facts and cases. */
export const EN_EVIDENCE = {
  facts: (passages: number) =>
    passages > 1 ? 'The police reports quoted below (in Chinese) describe this, with real cases.' : 'The police report quoted below (in Chinese) describes this.',
};

export const NEXT: Record<Lang, string> = NEXT_STEPS;

/** The fixed reply to questions outside the bot's scope. It cites nothing. */
export const OFF_TOPIC: Record<Lang, string> = {
  zh: '我是反诈助手，只回答和电信网络诈骗有关的问题：骗局是怎么运作的、收到的消息是不是诈骗、怎样防范、被骗了怎么办。这个问题不在我的范围内。\n\n你可以这样问我：“什么是杀猪盘？”“有人自称警察让我转账到安全账户，怎么办？”，或者把可疑短信直接发给我。\n\n遇到诈骗请拨打96110反诈专线咨询；紧急情况请立即拨打110报警。',
  en: "I'm the anti-fraud assistant: I answer questions about phone and online fraud — how scams work, whether a message you got is a scam, how to protect yourself and what to do if you were cheated. This question is outside what I can help with.\n\nTry asking: \"What is a pig butchering scam?\" or paste a suspicious message.\n\nFor help with fraud call the 96110 anti-fraud hotline; in an emergency call 110.",
};

/** Shown when the question was cut to the maximum length. */
export const TRUNCATED_NOTE: Record<Lang, (max: number) => string> = {
  zh: (max) => `（你的消息很长，我只看了前${max}个字。）`,
  en: (max) => `(Your message was long; I read only the first ${max} characters.)`,
};
