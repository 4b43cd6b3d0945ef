/**
 * Understanding a question before retrieval: its language and script, its normalised
 * (Simplified) form, Chinese expansions of English vocabulary, the scam types it is
 * about, what the person wants (check a message, get tips, facts), and whether it is
 * about fraud at all.
 */
import { FRAUD_LEXICON_EN, FRAUD_LEXICON_ZH, RED_FLAGS, translateEnglish, type RedFlag } from '../knowledge/glossary.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import { normalizeInput } from '../text/normalize.js';
import { countHan, detectScript, normalizeForSearch, toSimplifiedPhrases, toHalfWidth } from '../text/script.js';

/** The language an answer is written in. */
export type Language = 'zh-Hans' | 'zh-Hant' | 'en';

/** What the person asking wants. */
export type Intent = 'check-message' | 'tips' | 'facts' | 'general';

/** Output of {@link analyzeQuery}. */
export interface QueryAnalysis {
  question: string;
  language: Language;
  /** Simplified, half-width, lower-case form of the question. */
  normalized: string;
  /** Chinese terms added for retrieval (English translations, scam-type aliases). */
  expansions: string[];
  /** Names of the detected scam types: searched with the weight of the user's own words. */
  primaryTerms: string[];
  /** Scam types the question is about, best first. */
  scamTypes: { id: string; score: number }[];
  /** True when the question is about fraud, scams or safety. */
  fraudSignal: boolean;
  intent: Intent;
  /** Warning signs found in the question (a pasted message). */
  redFlags: RedFlag[];
}

const LATIN_WORD = /[A-Za-z]{2,}/g;

/** Decides the answer language: English when the question is mostly Latin words. */
export function detectLanguage(question: string): Language {
  const han = countHan(question);
  const latinWords = question.match(LATIN_WORD)?.length ?? 0;
  const latinChars = (question.match(LATIN_WORD) ?? []).join('').length;
  if (latinWords >= 2 && latinChars > han * 2) return 'en';
  if (han === 0 && latinWords >= 1) return 'en';
  return detectScript(question) === 'traditional' ? 'zh-Hant' : 'zh-Hans';
}

const CHECK_MESSAGE = /(这条|这个|这则|以下|下面).{0,4}(短信|信息|消息|电话|通知|链接)|收到.{0,12}(短信|信息|消息|电话|来电|通知)|是不是.{0,3}(诈骗|骗子|骗局)|是(诈骗|骗子|骗局)吗|is (this|it) (a )?(scam|fraud|legit)|(got|received) (a|an|this) (message|text|sms|call|email)/iu;
// Asking what to do, or whether something can be trusted ("真警察会打电话吗", "靠谱吗").
const TIPS = /会.{0,12}吗|靠谱|能信|可信|是真的|真的吗|怎么办|如何|怎样|怎么(劝|防|识别|避免|办|处理|应对|保护)|注意什么|要注意|提醒|防范|防骗|识别|保护|what should i do|how (do|can|to|should)|tips|protect|avoid|prevent|stay safe/iu;
const FACTS = /多少|几起|几个|几名|几次|数据|数字|成效|战果|how many|how much|figures|statistics|numbers/iu;

// Normalised names and aliases of each scam type, computed once (not per question).
let typeNames: { id: string; names: string[] }[] | undefined;
function scamTypeNames(): { id: string; names: string[] }[] {
  typeNames ??= SCAM_TYPES.map((t) => ({
    id: t.id,
    names: [...new Set([t.name, ...t.name.split(/[/（）()]/u), ...t.aliases].map((n) => normalizeForSearch(n)).filter((n) => n.length >= 2))],
  }));
  return typeNames;
}

/** Analyses a question. Pure and fast (well under a millisecond): it runs for every message. */
export function analyzeQuery(raw: string): QueryAnalysis {
  // Invisible characters inside words (杀\u200b猪\u200b盘) and look-alike forms are removed first.
  const question = normalizeInput(raw).trim();
  const language = detectLanguage(question);
  // Phrase-aware conversion as well as character conversion: a Taiwanese reader writes
  // 網路/簡訊, which the article text has as 网络/短信.
  const normalized = normalizeForSearch(question);
  const phrased = language === 'zh-Hant' ? normalizeForSearch(toSimplifiedPhrases(toHalfWidth(question))) : normalized;
  const lower = ` ${question.toLowerCase()} `;

  // English questions are matched on their Chinese translation too (flight → 航班, 机票).
  const translated = language === 'en' ? translateEnglish(question) : [];
  const haystack = [normalized, phrased, ...translated].join(' ');
  const scamTypes: { id: string; score: number }[] = [];
  const names = scamTypeNames();
  SCAM_TYPES.forEach((t, i) => {
    let score = 0;
    for (const n of names[i].names) if (haystack.includes(n)) score += 3;
    for (const k of t.keywords) if (haystack.includes(k)) score += 1;
    for (const a of t.aliasesEn) if (lower.includes(a)) score += 3;
    if (score >= 2) scamTypes.push({ id: t.id, score });
  });
  scamTypes.sort((a, b) => b.score - a.score);

  const expansions: string[] = [];
  if (phrased !== normalized) expansions.push(phrased);
  expansions.push(...translated);
  const primaryTerms: string[] = [];
  for (const { id } of scamTypes.slice(0, 2)) {
    const t = SCAM_TYPES.find((x) => x.id === id)!;
    primaryTerms.push(...t.name.split(/[/（）()]/u).filter((s) => s.length >= 2));
    if (language === 'en') expansions.push(...t.aliases.slice(0, 3), ...t.keywords.slice(0, 3));
  }

  const redFlags = RED_FLAGS.filter((f) => f.pattern.test(normalized) || f.pattern.test(lower));
  const fraudSignal =
    FRAUD_LEXICON_ZH.some((w) => normalized.includes(w) || phrased.includes(w)) ||
    FRAUD_LEXICON_EN.some((w) => lower.includes(w)) ||
    scamTypes.length > 0 ||
    redFlags.length >= 2;

  let intent: Intent = 'general';
  // A pasted message: asked about as such, or shaped like one (a link or a 【sender】 tag,
  // or long) and carrying warning signs.
  const messageShaped = /https?:\/\/|www\.|【[^】]{1,20}】/iu.test(question) || question.length > 60;
  if (CHECK_MESSAGE.test(normalized) || CHECK_MESSAGE.test(lower) || (messageShaped && redFlags.length >= 2)) intent = 'check-message';
  else if (FACTS.test(normalized) || FACTS.test(lower)) intent = 'facts';
  else if (TIPS.test(normalized) || TIPS.test(lower)) intent = 'tips';

  return { question, language, normalized, expansions: [...new Set(expansions)], primaryTerms: [...new Set(primaryTerms)], scamTypes, fraudSignal, intent, redFlags };
}
