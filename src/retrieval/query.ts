/**
 * Understanding a question before retrieval: its language and script, its normalised
 * (Simplified) form, Chinese expansions of English vocabulary, the scam types it is
 * about, what the person wants (check a message, get tips, facts), and whether it is
 * about fraud at all.
 */
import { classifyScamType } from '../check/classify.js';
import { AUDIENCE_WORDS, type Audience } from '../knowledge/advice.js';
import {
  EN_GLOSSARY,
  FRAUD_LEXICON_EN,
  FRAUD_LEXICON_ZH,
  RED_FLAGS,
  type RedFlag,
  translateEnglish,
} from '../knowledge/glossary.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import { normalizeInput } from '../text/normalize.js';
import { countHan, detectScript, normalizeForSearch, toHalfWidth, toSimplifiedPhrases } from '../text/script.js';

/** The language an answer is written in. */
export type Language = 'zh-Hans' | 'zh-Hant' | 'en';

/**
 * What the person asking wants: check a message; how a scam works; what to do after being
 * scammed; whether something is real; how to protect someone; figures; what scams exist.
 */
export type Intent = 'check-message' | 'how' | 'victim' | 'verify' | 'protect' | 'facts' | 'types' | 'general';

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
  /** Who a 'protect' question is about. */
  audience?: Audience;
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

const CHECK_MESSAGE =
  /(这条|这个|这则|以下|下面).{0,4}(短信|信息|消息|电话|通知|链接)|收到.{0,12}(短信|信息|消息|电话|来电|通知)|是不是.{0,3}(诈骗|骗子|骗局)|是(诈骗|骗子|骗局)吗|is (this|it) (a )?(scam|fraud|legit)|(got|received) (a|an|this) (message|text|sms|call|email)/iu;
// Intents, matched on the Simplified lower-case question (English as typed, lower case).
// Already scammed, or asking to get money back.
const VICTIM =
  /被骗了|被诈骗了|我被骗|我被诈骗|拿得回|拿回来|要回来|追得回|已经被骗|刚被骗|上当了|被骗.{0,8}(怎么办|还能|能不能|能否|可以)|(钱|款).{0,8}(追回|要回|拿回|找回|退回)|追回|挽回损失|已经(把钱)?(转账|转了|汇了|付了)|转出去了|(was|were|been|got|get|just) (scammed|cheated|defrauded|conned)|i lost .{0,20}(money|yuan|dollars|\d)|(get|getting) (my|the) money back|recover (my|the) money|already (paid|transferred|sent)|i (transferred|paid|sent|wired) (money|\d|.{0,20}to (a |the )?(scammer|fraudster))|(transferred|paid|sent|wired|gave) .{0,40}(scammer|fraudster|con ?man|turned out to be (a )?(scam|fraud|fake))|turned out to be (a )?(scam|fraud|fake)|(给|向)(骗子|诈骗分子|对方|他|她).{0,6}(转|汇|打|付)了|(转|汇|打|付)(给|到)了?(骗子|诈骗分子)|把钱(转|汇|打)(给|到|过去|走|出去).{0,10}了|(转|汇|付)了.{0,16}(才|后来|结果)?(发现|知道|意识到).{0,8}(骗|诈)|钱被骗了|(转|汇|打|付)了.{0,10}(给|到)了?(假|骗|对方|他|她|那个)|(?<!避免|防止|不|别|以免|免得|怎么不|如何不)被.{0,12}骗(了|走)|\bi (just |already |have |had )?(paid|transferred|sent|wired|gave) .{0,40}(\d|money|yuan|dollars|fake|scam|fraud)|(get|getting) (it|them) back/iu;
// Is this (call, person, notice) real?
const VERIFY =
  /是真的吗|是不是真的|是不是(诈骗|骗子|骗局)|是(诈骗|骗子|骗局)吗|靠谱不|靠不靠谱|可靠吗|有问题吗|is (it|this|that) (safe|a scam|legit)|真的吗|是真的|是真(警察|银行|客服|的)|真假|真警察|可信吗|能信吗|靠谱吗|怎么(核实|辨别|分辨|确认)|如何(核实|辨别|分辨|确认)|96110.{0,10}(打|来电|电话|找)|(来电|打来|打电话).{0,10}96110|is (this|it|that|he|she|they) (really |a )?(real|legit|genuine|true)|really (the|from|police)|can i trust|how (do|can) i (verify|check|know)|real police|(calling|called) me.{0,20}real/iu;
// Protecting someone else.
const PROTECT =
  /(保护|防止|避免|提醒|教|告诉|帮|让).{0,8}(父母|爸妈|爸爸|妈妈|老人|长辈|老年人|爷爷|奶奶|孩子|学生|儿子|女儿|员工|财务|会计)|(父母|爸妈|老人|长辈|老年人|孩子|学生|员工|财务人员|会计).{0,10}(防骗|防范|被骗|上当|注意|怎么防|如何防)|(防骗|防范).{0,6}(知识|课)|protect (my|our|elderly|older)|(keep|help) (my|our) .{0,20}(safe|from)|(parents|elderly|students|staff|employees|finance).{0,30}(scam|fraud)/iu;
// Figures, and how far the police's work has got (进展, 成效): answered from the reports' figures, not the guide.
const FACTS =
  /多少|几起|几个|几名|几次|数据|数字|成效|战果|成绩|进展|进度|效果(如何|怎么样|怎样)|取得(了)?(哪些|什么)|做得怎么样|做了(哪些|什么)|治理(得)?(怎么样|如何)|how many|how much|figures|statistics|numbers|progress|how far|results? of|what (have|has) (the )?police (done|achieved)|achieved|how effective/iu;
// A question for a quantity (多少/几起/how many), and words of someone speaking of themselves:
// a quantity question that is not about the asker is a facts question even when it says 追回.
const QUANTITY = /多少|几(起|个|名|次|成|亿|万|千|百)|how (much|many)/iu;
const FIRST_PERSON = /我|俺|\b(i|my|me|we|our)\b/iu;
// What kinds of scams there are.
const TYPES =
  /(有哪些|有什么|哪几种|哪些|几种|什么样的)(常见的?)?(诈骗|骗局|套路)|诈骗.{0,4}(种类|类型|有哪些)|常见(的)?(诈骗|骗局)|what (kinds|types|sorts) of (scams?|fraud)|common (scams|frauds|types)|types of (scams?|fraud)/iu;
// How a scam works.
const HOW =
  /什么是|是什么|啥是|怎么回事|怎么(骗|运作)|如何(骗|运作)|套路|手法|原理|怎么办|怎样|如何|what is|what's|what are|how (does|do|did) .{0,30}work|how .{0,20}(scam|trick)|explain/iu;

// Normalised names and aliases of each scam type, computed once (not per question).
let typeNames: { id: string; names: string[] }[] | undefined;
function scamTypeNames(): { id: string; names: string[] }[] {
  typeNames ??= SCAM_TYPES.map((t) => ({
    id: t.id,
    names: [
      ...new Set(
        [t.name, ...t.name.split(/[/（）()]/u), ...t.aliases]
          .map((n) => normalizeForSearch(n))
          .filter((n) => n.length >= 2),
      ),
    ],
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
    // English keywords count per English word: "police" (警察, 公安) is one word, and one
    // generic word never makes a type.
    for (const k of t.keywords) if (haystack.includes(k) && (language !== 'en' || normalized.includes(k))) score += 1;
    if (language === 'en') score += englishKeywordWords(lower, t.keywords);
    for (const a of t.aliasesEn) if (lower.includes(a)) score += 3;
    if (score >= 2) scamTypes.push({ id: t.id, score });
  });
  scamTypes.sort((a, b) => b.score - a.score);
  // Else the checker's typing data (strong words, or two weak ones: never one generic word).
  if (scamTypes.length === 0) {
    const typed = classifyScamType(phrased) ?? (language === 'en' ? classifyScamType(lower) : undefined);
    if (typed) scamTypes.push({ id: typed, score: 2 });
  }

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
  let audience: Audience | undefined;
  // A pasted message: asked about as such, or shaped like one (a link or a 【sender】 tag,
  // or long) and carrying warning signs.
  const messageShaped = /https?:\/\/|www\.|【[^】]{1,20}】/iu.test(question) || question.length > 60;
  if (CHECK_MESSAGE.test(normalized) || CHECK_MESSAGE.test(lower) || (messageShaped && redFlags.length >= 2))
    intent = 'check-message';
  else intent = detectIntent(` ${normalized} ${lower} `, scamTypes.length > 0);
  if (intent === 'protect')
    audience = (Object.keys(AUDIENCE_WORDS) as Audience[]).find(
      (a) => AUDIENCE_WORDS[a].test(normalized) || AUDIENCE_WORDS[a].test(lower),
    );
  if (intent === 'protect' && !audience) intent = scamTypes.length ? 'how' : 'general';

  return {
    question,
    language,
    normalized,
    expansions: [...new Set(expansions)],
    primaryTerms: [...new Set(primaryTerms)],
    scamTypes,
    fraudSignal,
    intent,
    audience,
    redFlags,
  };
}

/** The intent of a question that is not a pasted message; `typed` when a scam type was recognised. */
export function detectIntent(text: string, typed: boolean): Intent {
  // "今年警方为群众追回了多少钱？" asks for a figure, not how to get one's own money back.
  if (QUANTITY.test(text) && FACTS.test(text) && !FIRST_PERSON.test(text)) return 'facts';
  if (VICTIM.test(text)) return 'victim';
  if (PROTECT.test(text)) return 'protect';
  // Questions about the hotline or the app, and "a call / message asks me to pay, what now?".
  if (VERIFY.test(text) || /96110|(?<!\d)(165|18222)(?!\d)|国家反诈中心|反诈app|anti-fraud app|hotline/iu.test(text))
    return 'verify';
  if (
    !typed &&
    /怎么办|咋办|what (should|do) i do/iu.test(text) &&
    /电话|来电|短信|消息|微信|call|text|message/iu.test(text)
  )
    return 'verify';
  if (TYPES.test(text) && !typed) return 'types';
  if (FACTS.test(text)) return 'facts';
  if (typed || HOW.test(text)) return typed ? 'how' : 'general';
  return 'general';
}

// English glossary entries, longest first (as translateEnglish matches them).
let glossaryByLength: [string, string[]][] | undefined;

/** Number of distinct English words or phrases of the question whose translation is one of `keywords`. */
function englishKeywordWords(lower: string, keywords: readonly string[]): number {
  const text = lower.replace(/[^a-z0-9\s'-]/g, ' ').replace(/\s+/g, ' ');
  glossaryByLength ??= Object.entries(EN_GLOSSARY).sort((a, b) => b[0].length - a[0].length);
  let n = 0;
  for (const [en, zh] of glossaryByLength) if (text.includes(` ${en} `) && zh.some((z) => keywords.includes(z))) n++;
  return n;
}
