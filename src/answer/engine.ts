/**
 * The answering engine. `answer()` routes a received message (pasted, or "is this a
 * scam? <message>") to the message check and answers questions by intent; `checkAnswer()`
 * checks a message unconditionally (/check, forwarded messages, photos). Both compose
 * from the guide and the news (src/answer/compose.ts), number the citations, optionally
 * let an LLM rewrite a question's answer (validated against the same citations), and
 * render in the asker's language and regional script. Takes its retriever, checker and
 * model as arguments.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { checkMessage } from '../check/checker.js';
import { classifyScamType } from '../check/classify.js';
import { routeInput } from '../check/route.js';
import type { CheckInput, CheckResult } from '../check/types.js';
import { MODEL_FLAG } from '../knowledge/red-flags.js';
import type { Hit, HybridRetriever } from '../retrieval/hybrid.js';
import { analyzeQuery, detectIntent, detectLanguage, type Language, type QueryAnalysis } from '../retrieval/query.js';
import { countHan, type TraditionalVariant } from '../text/script.js';
import { buildLibrary, composeExtractive, type Library, typeFromGuideTitles } from './compose.js';
import { baseLang, nextStepsFor, offTopicFor, TRUNCATED_NOTE, toRegional } from './i18n.js';
import { decodeLibrary } from './library-file.js';
import { type Prompts, rewriteWithLlm } from './llm.js';
import { renderPlainText } from './render.js';
import type { Answer, AnswerLine, AnswerSection, Citation } from './types.js';

/**
 * Least share of the question's words (idf-weighted) that the best passage must contain
 * for a fraud question to be answered from the news alone; below it the articles do not
 * address the question. Calibrated on tests/eval/golden.json, where the lowest in-scope
 * question (a colloquial one, most of whose words the articles never use) scores 0.09.
 * Questions the guide answers by intent (victim, verify, protect, types, a named scam
 * type) need no such overlap. Off-topic questions are stopped earlier, by the fraud-topic
 * check: lexical overlap alone (a city or agency named in the articles) never makes a
 * question in scope.
 */
export const SCOPE_MIN_COVERAGE = 0.08;

/** Passages retrieved per question: the pool news figures and general answers draw on. */
export const RETRIEVE_K = 5;
/**
 * Depth of the retrieval the news passages are taken from, and how many are kept: guide
 * items crowd the top five, so the news is looked for further down (three times as deep).
 */
export const NEWS_POOL_K = 15;
export const NEWS_K = 5;

/** The top hits (for scope and guide items) and the best news hits further down. */
async function retrieve(retriever: HybridRetriever, q: QueryAnalysis): Promise<{ hits: Hit[]; news: Hit[] }> {
  const pool = await retriever.search(q, { k: NEWS_POOL_K });
  return { hits: pool.slice(0, RETRIEVE_K), news: pool.filter((h) => h.passage.kind !== 'guide').slice(0, NEWS_K) };
}

/**
 * Below this many characters, a "message" split off a question ("<X>是真的吗") that shows
 * no sign of fraud is a description of a call, answered as a question. Real messages in
 * the check dev set are longer (one-time codes run about 30 characters).
 */
export const SHORT_DESCRIPTION_CHARS = 15;

/** The message checker the engine uses (src/check/, issue 7). */
export interface MessageChecker {
  checkMessage(input: CheckInput): CheckResult;
  routeInput(text: string): { kind: 'message'; message: string } | { kind: 'question' };
}

/** What the engine needs. */
export interface EngineDeps {
  retriever: HybridRetriever;
  /** The message checker; default src/check (issue 7). */
  checker?: MessageChecker;
  /** Optional chat model; without it answers are extractive. */
  llm?: BaseChatModel;
  prompts?: Prompts;
  /** Time allowed to the LLM before the extractive answer is used; default 4000 ms. */
  llmTimeoutMs?: number;
}

/** Per-question options. */
export interface AnswerOptions {
  /** Traditional variant for Traditional answers; default from `languageCode`, else Taiwan. */
  traditionalVariant?: TraditionalVariant;
  /** The user's language code (Telegram's language_code, e.g. zh-hk): picks the variant. */
  languageCode?: string;
  /** Longer questions are answered on their first part; default 2000. */
  maxQuestionChars?: number;
  /** Forces the answer language (e.g. from the user's Telegram language for commands). */
  language?: Language;
}

/** The Traditional variant for a user's language code: Hong Kong and Macau get s2hk wording. */
export function variantFor(opts: AnswerOptions): TraditionalVariant {
  return opts.traditionalVariant ?? (/^zh[-_](hk|mo)/iu.test(opts.languageCode ?? '') ? 'hk' : 'tw');
}

/** The message checker of src/check. */
export const defaultChecker: MessageChecker = { checkMessage, routeInput };

// The guide and the news, indexed once per retriever.
const libraries = new WeakMap<HybridRetriever, Library>();
/**
 * The composer's library of a retriever: as written at ingest (library.json), read on
 * first use; built from all passages only for an index object that has no such file.
 */
export function libraryOf(retriever: HybridRetriever): Library {
  let lib = libraries.get(retriever);
  if (!lib) {
    const stored = retriever.index.libraryText?.();
    lib = stored
      ? decodeLibrary(stored, (label) => retriever.passage(label))
      : buildLibrary(retriever.passages, retriever.index.articles);
    libraries.set(retriever, lib);
  }
  return lib;
}

/**
 * Most numbered citations an answer carries: one guide page, a case told over a few
 * passages and a figure or two fit; more numbers than this make the sources list longer
 * than the answer (the bot showed up to 14).
 */
export const MAX_CITATIONS = 6;

/**
 * Renumbers passage-label citations as [1]..[k] in order of first use, so the answer
 * reads [1], [2], … from the top. The items quoted from one guide page share one number:
 * that citation's text is those items, in the page's order, run together, so every line
 * that carries the number is verbatim in it; so do the passages of one case. Other news
 * passages keep one number each. Lines
 * whose citation would be numbered beyond {@link MAX_CITATIONS} are left out (a case
 * only whole, or not at all), and empty sections with them.
 */
function numberCitations(
  sections: AnswerSection[],
  retriever: HybridRetriever,
  hits: Hit[],
): { sections: AnswerSection[]; citations: Citation[] } {
  // The passages of one case (a story told over several passages of one article) share a number too.
  const caseKey = new Map<number, string>();
  for (const s of sections)
    if (s.kind === 'case')
      for (const l of s.lines) for (const c of l.cites) if (!caseKey.has(c)) caseKey.set(c, `c:${s.lines[0].cites[0]}`);
  const keyOf = (label: number) => {
    const p = retriever.passage(label);
    return (p.kind ?? 'news') === 'guide' ? `g:${p.source}` : (caseKey.get(label) ?? `n:${label}`);
  };
  const firstUse = new Map<string, number>();
  for (const s of sections)
    for (const l of s.lines)
      for (const c of l.cites) if (!firstUse.has(keyOf(c))) firstUse.set(keyOf(c), firstUse.size + 1);
  const allowed = (l: AnswerLine) => l.cites.every((c) => firstUse.get(keyOf(c))! <= MAX_CITATIONS);
  const kept = sections
    .map((s) =>
      s.kind === 'case' ? (s.lines.every(allowed) ? s : { ...s, lines: [] }) : { ...s, lines: s.lines.filter(allowed) },
    )
    .filter((s) => s.lines.length > 0);
  // Numbers and members of each citation, over the lines that remain.
  const order = new Map<string, number>();
  const members = new Map<string, Set<number>>();
  // The first passage used of each citation: its section and its source button.
  const firstLabel = new Map<string, number>();
  for (const s of kept) {
    for (const l of s.lines) {
      for (const c of l.cites) {
        const key = keyOf(c);
        if (!order.has(key)) {
          order.set(key, order.size + 1);
          firstLabel.set(key, c);
        }
        members.set(key, (members.get(key) ?? new Set()).add(c));
      }
    }
  }
  const renumbered = kept.map((s) => ({
    ...s,
    lines: s.lines.map((l) => ({
      ...l,
      cites: [...new Set(l.cites.map((c) => order.get(keyOf(c))!))].sort((a, b) => a - b),
    })),
  }));
  const scores = new Map(hits.map((h) => [h.label, h.score]));
  const citations: Citation[] = [...order].map(([key, n]) => {
    const labels = [...members.get(key)!].sort((a, b) => a - b);
    const p = retriever.passage(firstLabel.get(key)!);
    const kind = p.kind ?? 'news';
    // In the source's order, as it reads there: Chinese sentences run on, English ones take a space.
    const texts = labels.map((l) => retriever.passage(l).text);
    return {
      n,
      source: p.source,
      title: p.title,
      text: texts.join(texts.some((t) => /[\u3400-\u9fff]/u.test(t)) ? '' : ' '),
      score: Math.max(...labels.map((l) => scores.get(l) ?? 0)),
      passageId: p.id,
      paragraphIndex: p.paragraphIndex,
      kind,
      ...(kind === 'guide' && p.section ? { section: p.section } : {}),
    };
  });
  return { sections: renumbered, citations };
}

/** The answer in Traditional characters and the reader's regional wording. */
function toScript(a: Answer, variant: TraditionalVariant): Answer {
  const t = (s: string) => toRegional(s, variant);
  const sections = a.sections.map((s) => ({
    ...s,
    heading: s.heading && t(s.heading),
    lines: s.lines.map((l) => ({ ...l, text: t(l.text) })),
  }));
  const citations = a.citations.map((c) => ({ ...c, title: t(c.title), text: t(c.text) }));
  return { ...a, sections, citations, nextSteps: a.nextSteps && t(a.nextSteps), text: t(a.text) };
}

function cut(text: string, max: number): { asked: string; truncated: boolean } {
  const chars = Array.from(text);
  return chars.length > max
    ? { asked: chars.slice(0, max).join(''), truncated: true }
    : { asked: text, truncated: false };
}

/** A line of the answer's own steps that already says to call the police. */
const CALLS_POLICE = /\b(110|999)\b|(?<!\d)(110|999)(?!\d)/u;

function finish(result: Answer, opts: AnswerOptions, max: number, t0: number): Answer {
  const lang = baseLang(result.language);
  const variant = variantFor(opts);
  // The footer names the hotlines of the reader's region; it is left out when the answer's
  // own steps already say to call the police (the answer would repeat itself at its end).
  // Not in Traditional answers: the guide's steps name mainland lines (96110), the footer
  // gives Taiwan's 165 or Hong Kong's 18222 and 999, which the steps do not.
  if (result.nextSteps) {
    const repeats =
      result.language !== 'zh-Hant' &&
      result.sections.some(
        (s) => (s.kind === 'todo' || s.kind === 'steps') && s.lines.some((l) => CALLS_POLICE.test(l.text)),
      );
    result.nextSteps = repeats ? undefined : nextStepsFor(result.language, variant);
  }
  const note = result.truncated ? `${TRUNCATED_NOTE[lang](max)}\n\n` : '';
  result.text = note + (result.inScope ? renderPlainText(result) : offTopicFor(result.language, variant));
  const out = result.language === 'zh-Hant' ? toScript(result, variant) : result;
  out.ms = performance.now() - t0;
  return out;
}

/**
 * Least Chinese characters of the asker's own words around an English message ("我奶奶收到
 * 这条短信，是诈骗吗？" is 13) for the answer to be Chinese; "What does 杀猪盘 mean?" (3) stays English.
 */
export const ASKER_MIN_HAN = 6;
const ASKING_ZH = /[吗嗎？]|是不是|怎么|怎麼|诈骗|詐騙|骗|騙/u;
const ASKING_EN = /^\W*(is (this|it|that)|what|should|can|could|does|do|my|i|we|got|received|scam|fraud|legit)\b/iu;
const HAN_RUN = /[\p{Script=Han}，。？！、：；“”‘’（）]+/gu;
const LATIN_RUN = /[A-Za-z][A-Za-z ,.'?!-]*/g;

/**
 * The language of the person asking, not of a message they paste: their own words around
 * the split-off `message`, else the whole text; a Chinese question around an English text
 * ("我奶奶收到这条短信，是诈骗吗？USPS: …") is answered in Chinese, an English question
 * around a Chinese one ("Is this a scam? 【工商银行】…") in English.
 */
export function askerLanguage(asked: string, message?: string): Language {
  const own = message ? asked.replace(message, ' ').trim() : asked;
  const text = /\p{L}{2,}/u.test(own) ? own : asked;
  const lang = detectLanguage(text);
  if (lang === 'en') {
    const han = (text.match(HAN_RUN) ?? []).join('');
    if (countHan(han) >= ASKER_MIN_HAN && ASKING_ZH.test(han)) return detectLanguage(han);
  } else {
    const first = text.match(LATIN_RUN)?.[0] ?? '';
    if (text.trimStart().startsWith(first) && first.split(/\s+/).filter(Boolean).length >= 3 && ASKING_EN.test(first))
      return 'en';
  }
  return lang;
}

/**
 * A warning sign of the rules, not the statistical model's resemblance alone: an off-topic
 * question ("How do I renew my passport?") must never be called suspicious.
 */
function hasRealSign(r: CheckResult): boolean {
  return r.verdict !== 'no-signs' && r.redFlags.some((f) => f.id !== MODEL_FLAG.id);
}

/** Answers one question or message. Never throws for a question; errors of the LLM fall back. */
export async function answer(question: string, deps: EngineDeps, opts: AnswerOptions = {}): Promise<Answer> {
  const t0 = performance.now();
  const max = opts.maxQuestionChars ?? 2000;
  const { asked, truncated } = cut(question, max);
  const checker = deps.checker ?? defaultChecker;
  // A received message is always checked, never declined as off-topic.
  const route = checker.routeInput(asked);
  if (route.kind === 'message') {
    // "96110给我打电话是真的吗": a short description with no sign of fraud is a question
    // about a call, not a message to check; anything longer or with a sign is checked.
    const short = Array.from(route.message).length < SHORT_DESCRIPTION_CHARS && route.message !== asked;
    if (!short || checker.checkMessage({ text: route.message }).verdict !== 'no-signs') {
      // The answer is in the asker's language and script, not the message's: "我奶奶收到
      // 这条短信，是诈骗吗？USPS: …" is answered in Simplified Chinese.
      return checkAnswer(
        { text: route.message },
        deps,
        { ...opts, language: opts.language ?? askerLanguage(asked, route.message), maxQuestionChars: max },
        { question: asked, truncated, t0 },
      );
    }
  }

  // A question that carries a link and real warning signs ("我奶奶收到这条短信，是诈骗吗？USPS:
  // … https://…") is about that message: it gets the verdict, not only general advice.
  const carried = checker.checkMessage({ text: asked });
  if (carried.entities.urls.length > 0 && hasRealSign(carried)) {
    return checkAnswer(
      { text: asked },
      deps,
      { ...opts, language: opts.language ?? askerLanguage(asked), maxQuestionChars: max },
      { question: asked, truncated, t0 },
    );
  }

  const q = analyzeQuery(asked);
  q.language = opts.language ?? askerLanguage(asked);
  const library = libraryOf(deps.retriever);
  // The taxonomy's names first, then the checker's typing (two pieces of evidence, so one
  // generic word such as "police" never types a question), then the guide's page titles.
  const typeId = q.scamTypes[0]?.id ?? classifyScamType(q.normalized) ?? typeFromGuideTitles(q, library);
  if (typeId && q.scamTypes.length === 0 && (q.intent === 'general' || q.intent === 'check-message')) q.intent = 'how';
  // The checker's router decided this is a question ("收到中奖短信是诈骗吗"): answer what it asks.
  if (q.intent === 'check-message') {
    const again = detectIntent(` ${q.normalized} ${q.question.toLowerCase()} `, !!typeId);
    q.intent = again === 'general' ? 'verify' : again;
  }
  if (typeId && q.intent === 'general') q.intent = 'how';
  const { hits, news } = q.fraudSignal || typeId ? await retrieve(deps.retriever, q) : { hits: [], news: [] };
  const best = Math.max(0, ...hits.map((h) => h.coverage));
  const guideAnswers =
    q.intent === 'victim' ||
    q.intent === 'verify' ||
    q.intent === 'protect' ||
    q.intent === 'types' ||
    (q.intent === 'how' && !!typeId);
  const inScope = (q.fraudSignal || !!typeId) && (guideAnswers || (hits.length > 0 && best >= SCOPE_MIN_COVERAGE));
  // Last guard before the off-topic reply: text the router took for a question but that
  // carries signs of fraud is checked as a message — someone who pastes a scam must never
  // be told "not my topic".
  if (!inScope && hasRealSign(carried)) {
    return checkAnswer(
      { text: asked },
      deps,
      { ...opts, language: q.language, maxQuestionChars: max },
      { question: asked, truncated, t0 },
    );
  }

  let result: Answer = {
    question: asked,
    language: q.language,
    inScope,
    scamTypes: typeId ? [...new Set([typeId, ...q.scamTypes.map((s) => s.id)])] : [],
    intent: q.intent,
    verdict: null,
    sections: [],
    citations: [],
    text: '',
    mode: inScope ? 'extractive' : 'declined',
    confidence: best,
    truncated,
    ms: 0,
  };
  if (inScope) {
    const draft = composeExtractive({
      q,
      hits,
      news,
      library,
      typeId,
      relevance: (t) => deps.retriever.relevance(q, t),
    });
    const { sections, citations } = numberCitations(draft.sections, deps.retriever, hits);
    result = { ...result, sections, citations, nextSteps: draft.nextSteps };
    if (deps.llm && deps.prompts) {
      const rewritten = await rewriteWithLlm(result, deps.llm, deps.prompts, deps.llmTimeoutMs ?? 4000);
      if ('answer' in rewritten) result = rewritten.answer;
      else result.fallbackReason = rewritten.fallback;
    }
  }
  return finish(result, opts, max, t0);
}

/**
 * Checks a message (pasted, forwarded, photographed): the verdict, the red flags with
 * their evidence, what to do now (the guide), then a case or police advice of the same
 * type. Never declined.
 */
export async function checkAnswer(
  input: CheckInput,
  deps: EngineDeps,
  opts: AnswerOptions = {},
  asked?: { question: string; truncated: boolean; t0: number },
): Promise<Answer> {
  const t0 = asked?.t0 ?? performance.now();
  const max = opts.maxQuestionChars ?? 2000;
  const { asked: text, truncated } = asked ? { asked: input.text, truncated: asked.truncated } : cut(input.text, max);
  const check = (deps.checker ?? defaultChecker).checkMessage({ ...input, text });
  const q = analyzeQuery(text);
  if (opts.language) q.language = opts.language;
  q.intent = 'check-message';
  const library = libraryOf(deps.retriever);
  const { hits, news } = await retrieve(deps.retriever, q);
  const draft = composeExtractive({
    q,
    hits,
    news,
    library,
    typeId: check.scamType,
    check,
    relevance: (t) => deps.retriever.relevance(q, t),
  });
  const { sections, citations } = numberCitations(draft.sections, deps.retriever, hits);
  const result: Answer = {
    question: asked?.question ?? text,
    language: q.language,
    inScope: true,
    scamTypes: check.scamType ? [check.scamType] : [],
    intent: 'check-message',
    verdict: check.verdict,
    check,
    sections,
    nextSteps: draft.nextSteps,
    citations,
    text: '',
    mode: 'extractive',
    truncated,
    ms: 0,
  };
  return finish(result, opts, max, t0);
}
