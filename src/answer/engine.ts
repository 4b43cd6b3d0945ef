/**
 * The answering engine: question → retrieval → scope check → extractive answer (and,
 * when configured, an LLM rewrite validated against the same citations) → rendering in
 * the asker's language and script. Takes its retriever and model as arguments.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { splitSentences } from '../corpus/split.js';
import { ADVICE_PATTERNS } from '../knowledge/glossary.js';
import type { HybridRetriever, Hit } from '../retrieval/hybrid.js';
import { analyzeQuery, type Language, type QueryAnalysis } from '../retrieval/query.js';
import { toTraditional, type TraditionalVariant } from '../text/script.js';
import { composeExtractive } from './compose.js';
import { baseLang, OFF_TOPIC, TRUNCATED_NOTE } from './i18n.js';
import { rewriteWithLlm, type Prompts } from './llm.js';
import { renderPlainText } from './render.js';
import type { Answer, AnswerSection, Citation } from './types.js';

/**
 * Least share of the question's words (idf-weighted) that the best passage must contain
 * for a fraud question to be answered; below it the articles do not address the question.
 * Calibrated on tests/eval/golden.json, where the lowest in-scope question (a colloquial
 * one, most of whose words the articles never use) scores 0.09. Off-topic questions are
 * stopped earlier, by the fraud-topic check: lexical overlap alone (a city or agency
 * named in the articles) never makes a question in scope.
 */
export const SCOPE_MIN_COVERAGE = 0.08;

/** Most citations in one answer. */
export const MAX_CITATIONS = 5;

/** What the engine needs. */
export interface EngineDeps {
  retriever: HybridRetriever;
  /** Optional chat model; without it answers are extractive. */
  llm?: BaseChatModel;
  prompts?: Prompts;
  /** Time allowed to the LLM before the extractive answer is used; default 4000 ms. */
  llmTimeoutMs?: number;
}

/** Per-question options. */
export interface AnswerOptions {
  /** Traditional variant for Traditional answers (Telegram zh-hk users get 'hk'). */
  traditionalVariant?: TraditionalVariant;
  /** Longer questions are answered on their first part; default 2000. */
  maxQuestionChars?: number;
  /** Forces the answer language (e.g. from the user's Telegram language for commands). */
  language?: Language;
}

// Passages holding each kind of advice, per retriever (computed once, on first use).
const advicePools = new WeakMap<HybridRetriever, Map<string, number[]>>();
function advicePool(retriever: HybridRetriever): Map<string, number[]> {
  let pool = advicePools.get(retriever);
  if (!pool) {
    pool = new Map();
    retriever.passages.forEach((p, label) => {
      for (const s of splitSentences(p.text)) {
        const a = ADVICE_PATTERNS.find((x) => x.zh.test(s));
        if (a) pool!.set(a.id, [...(pool!.get(a.id) ?? []), label]);
      }
    });
    advicePools.set(retriever, pool);
  }
  return pool;
}

// Which advice matters most for each scam type, when the retrieved passages hold none.
const ADVICE_FOR_TYPE: Record<string, string[]> = {
  'fake-police': ['no-phone-cases', 'no-transfer'],
  'order-brushing': ['brushing-is-fraud', 'no-transfer'],
  'fake-investment': ['too-good', 'no-transfer'],
  'two-cards': ['cards'],
  'fake-boss': ['verify', 'no-transfer'],
};

/**
 * Adds passages with the advice that matters when the retrieved ones lack it: for a
 * question asking what to do (or a pasted message), the key advice for its scam type (or
 * "do not transfer" and "verify" in general); for other questions, some advice at all.
 */
function withAdvice(hits: Hit[], q: QueryAnalysis, retriever: HybridRetriever): Hit[] {
  if (hits.length === 0) return hits;
  const adviceIn = (h: Hit) => new Set(splitSentences(h.passage.text).flatMap((s) => ADVICE_PATTERNS.filter((a) => !a.mention && a.zh.test(s)).map((a) => a.id)));
  const have = new Set(hits.flatMap((h) => [...adviceIn(h)]));
  const asking = q.intent === 'tips' || q.intent === 'check-message';
  if (!asking && have.size > 0) return hits;
  const key = ADVICE_FOR_TYPE[q.scamTypes[0]?.id ?? ''] ?? ['no-transfer', 'verify'];
  const missing = (asking ? key : [...key, 'no-transfer', 'no-phone-cases', 'verify']).filter((id) => !have.has(id));
  const pool = advicePool(retriever);
  const out = [...hits];
  for (const id of missing.slice(0, asking ? 2 : 1)) {
    if (have.has(id)) continue;
    const label = pool.get(id)?.find((l) => !out.some((h) => h.label === l));
    if (label === undefined) continue;
    const extra: Hit = { passage: retriever.passages[label], label, score: 0, coverage: 0 };
    for (const a of adviceIn(extra)) have.add(a);
    // Make room by dropping the weakest retrieved passage, never the best ones.
    if (out.length >= MAX_CITATIONS) out.splice(out.length - 1, 1);
    out.push(extra);
  }
  return out;
}

/**
 * Renumbers hit-index citations as [1]..[k] in retrieval order, keeping only the passages
 * the answer uses: [1] is always the best passage the answer rests on.
 */
function numberCitations(sections: AnswerSection[], hits: Hit[]): { sections: AnswerSection[]; citations: Citation[] } {
  const referenced = new Set<number>();
  for (const s of sections) for (const l of s.lines) for (const c of l.cites) referenced.add(c);
  const order = new Map<number, number>();
  [...referenced].sort((a, b) => a - b).forEach((hit, i) => order.set(hit, i + 1));
  const renumbered = sections.map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, cites: l.cites.map((c) => order.get(c)!).sort((a, b) => a - b) })) }));
  const citations: Citation[] = [...order].map(([hit, n]) => {
    const h = hits[hit];
    return { n, source: h.passage.source, title: h.passage.title, text: h.passage.text, score: h.score, passageId: h.passage.id, paragraphIndex: h.passage.paragraphIndex };
  });
  return { sections: renumbered, citations };
}

function toScript(a: Answer, variant: TraditionalVariant): Answer {
  const t = (s: string) => toTraditional(s, variant);
  const sections = a.sections.map((s) => ({ ...s, heading: s.heading && t(s.heading), lines: s.lines.map((l) => ({ ...l, text: t(l.text) })) }));
  const citations = a.citations.map((c) => ({ ...c, title: t(c.title), text: t(c.text) }));
  const out = { ...a, sections, citations, nextSteps: a.nextSteps && t(a.nextSteps) };
  return { ...out, text: t(a.text) };
}

/** Answers one question. Never throws for a question; errors of the LLM fall back. */
export async function answer(question: string, deps: EngineDeps, opts: AnswerOptions = {}): Promise<Answer> {
  const t0 = performance.now();
  const max = opts.maxQuestionChars ?? 2000;
  const truncated = Array.from(question).length > max;
  const asked = truncated ? Array.from(question).slice(0, max).join('') : question;
  const q = analyzeQuery(asked);
  if (opts.language) q.language = opts.language;
  const lang = baseLang(q.language);
  const variant = opts.traditionalVariant ?? 'tw';

  const hits = q.fraudSignal ? await deps.retriever.search(q, { k: MAX_CITATIONS }) : [];
  const best = Math.max(0, ...hits.map((h) => h.coverage));
  const inScope = q.fraudSignal && hits.length > 0 && (best >= SCOPE_MIN_COVERAGE || (q.intent === 'check-message' && q.redFlags.length >= 2));

  let result: Answer;
  if (!inScope) {
    const text = (truncated ? `${TRUNCATED_NOTE[lang](max)}\n\n` : '') + OFF_TOPIC[lang];
    result = { question: asked, language: q.language, inScope: false, scamTypes: q.scamTypes.map((s) => s.id), sections: [], citations: [], text, mode: 'declined', truncated, ms: 0 };
  } else {
    const used = withAdvice(hits, q, deps.retriever);
    const draft = composeExtractive({ q, hits: used, relevance: (t) => deps.retriever.relevance(q, t) });
    const { sections, citations } = numberCitations(draft.sections, used);
    result = {
      question: asked,
      language: q.language,
      inScope: true,
      scamTypes: q.scamTypes.map((s) => s.id),
      sections,
      nextSteps: draft.nextSteps,
      citations,
      text: '',
      mode: 'extractive',
      truncated,
      ms: 0,
    };
    if (deps.llm && deps.prompts) {
      const rewritten = await rewriteWithLlm(result, deps.llm, deps.prompts, deps.llmTimeoutMs ?? 4000);
      if ('answer' in rewritten) result = rewritten.answer;
      else result.fallbackReason = rewritten.fallback;
    }
    result.text = (truncated ? `${TRUNCATED_NOTE[lang](max)}\n\n` : '') + renderPlainText(result);
  }
  if (q.language === 'zh-Hant') result = toScript(result, variant);
  result.ms = performance.now() - t0;
  return result;
}
