/**
 * Extractive answers: built only from sentences of the retrieved passages, each with its
 * citation, arranged for a person who may be in the middle of being scammed: what this
 * is, the key facts, how the trick works, how to protect yourself, a real case, then the
 * fixed next steps. No model is involved; the same question always gets the same answer.
 */
import { splitSentences } from '../corpus/split.js';
import { ADVICE_PATTERNS, type AdvicePattern } from '../knowledge/glossary.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import { typeMention, type Hit } from '../retrieval/hybrid.js';
import type { QueryAnalysis } from '../retrieval/query.js';
import { baseLang, CHECK_GIST, EN_EVIDENCE, GENERIC_GIST, gistFor, HEADINGS, NEXT } from './i18n.js';
import type { AnswerLine, AnswerSection } from './types.js';

/** A sentence of a retrieved passage, classified. */
export interface Sentence {
  text: string;
  /** Index of the hit (passage) it comes from. */
  hit: number;
  kinds: Set<'advice' | 'how' | 'case'>;
  advice?: AdvicePattern;
  /** Relevance to the question, 0–1 (share of question words it contains). */
  relevance: number;
}

const HOW = /冒充|自称|诱导|诱骗|以.{1,12}为由|要求.{0,12}(转账|汇款|缴纳|交|充值|捐)|拉进|点进|添加|许诺|承诺|假冒|伪装|骗取|套路|手法|伎俩|为手段|名义/u;
const CASE_WHO = /\d+月(\d+日|初|底)?|先生|女士|大叔|阿姨|阿婆|老人|小[金徐]|某某|居民|市民/u;
const CASE_WHAT = /被骗|诈骗|转账|汇款|损失|劝阻|止损|报警|骗局|识破/u;
// Words of advice. Not a bare 提醒: narratives say 一番提醒让她醒悟; 警方提醒 is advice.
const ADVICE_WORDS = /(警方|民警|公安|我们)提醒|提醒(广大|大家|市民|群众)|不要|切勿|千万|一定要|警惕|牢记|不可能|必然是诈骗|就是诈骗|天上不会掉馅饼|不得转账/u;

/** Splits the hits into classified sentences; `relevance` scores a sentence 0–1. */
export function classifySentences(hits: Hit[], relevance: (text: string) => number): Sentence[] {
  const out: Sentence[] = [];
  hits.forEach((h, hit) => {
    for (const raw of splitSentences(h.passage.text)) {
      const text = raw.trim();
      if (text.length < 6) continue;
      const kinds = new Set<'advice' | 'how' | 'case'>();
      const advice = ADVICE_PATTERNS.find((p) => p.zh.test(text));
      if (advice || ADVICE_WORDS.test(text)) kinds.add('advice');
      // The trick is what fraudsters do; "民警要求停止转账" is the police stepping in.
      if (HOW.test(text) && !/(民警|警方|银行工作人员|工作人员)(立即)?(要求|劝|提醒)/u.test(text)) kinds.add('how');
      if (CASE_WHO.test(text) && CASE_WHAT.test(text)) kinds.add('case');
      out.push({ text, hit, kinds, advice, relevance: relevance(text) });
    }
  });
  return out;
}

/** Composition input. */
export interface ComposeInput {
  q: QueryAnalysis;
  hits: Hit[];
  /** Relevance of a sentence to the question, 0–1 (the retriever's idf-weighted coverage). */
  relevance: (text: string) => number;
}

/** Sections with citations as hit indexes (numbered later by the engine). */
export interface Draft {
  sections: AnswerSection[];
  nextSteps: string;
}

/**
 * Composes the extractive answer. `cites` in the returned lines are hit indexes; the
 * engine renumbers them [1]..[k] in retrieval order.
 */
export function composeExtractive({ q, hits, relevance }: ComposeInput): Draft {
  const lang = baseLang(q.language);
  const redFlags = q.redFlags;
  const sentences = classifySentences(hits, relevance);
  const used = new Set<string>();
  const take = (s: Sentence): AnswerLine => {
    used.add(s.text);
    return { text: s.text, cites: [s.hit] };
  };
  const fresh = (s: Sentence) => !used.has(s.text);
  const sections: AnswerSection[] = [];
  const type = q.scamTypes[0] ? SCAM_TYPES.find((t) => t.id === q.scamTypes[0].id) : undefined;

  // Gist: the scam type, backed by the best passage that mentions it.
  let typeHit = -1;
  if (type) {
    const strength = hits.map((h) => typeMention(h.passage.text, type));
    // The best-ranked passage backs the gist if it mentions the type at all.
    typeHit = strength[0] > 0 ? 0 : strength.indexOf(1) >= 0 ? strength.indexOf(1) : strength.findIndex((x) => x > 0);
  }
  if (q.intent === 'check-message') {
    sections.push({ kind: 'gist', lines: [{ text: CHECK_GIST[lang](redFlags.length), cites: [] }] });
  } else if (type && typeHit >= 0) {
    sections.push({ kind: 'gist', lines: [{ text: gistFor(type, lang), cites: [typeHit] }] });
  } else {
    sections.push({ kind: 'gist', lines: [{ text: GENERIC_GIST[lang], cites: [] }] });
  }

  if (q.intent === 'check-message' && redFlags.length > 0) {
    sections.push({ kind: 'flags', heading: HEADINGS[lang].flags, lines: redFlags.map((f) => ({ text: lang === 'en' ? f.en : f.zh, cites: [] })) });
    if (type && typeHit >= 0) sections.push({ kind: 'how', heading: HEADINGS[lang].how, lines: [{ text: gistFor(type, lang), cites: [typeHit] }] });
  }

  // Key facts: the sentences that answer most of the question, best first.
  const top = sentences.filter(fresh).sort((a, b) => b.relevance - a.relevance || a.hit - b.hit);
  const bar = Math.max(0.3, (top[0]?.relevance ?? 0) * 0.6);
  // For "what should I do" questions the tips come first and only strong facts are kept.
  const factBar = q.intent === 'tips' ? Math.max(bar, 0.5) : bar;
  const facts = top.filter((s) => s.relevance >= factBar).slice(0, q.intent === 'facts' ? 3 : 2);
  const how =
    q.intent === 'facts' || q.intent === 'check-message'
      ? []
      : sentences
          .filter((s) => s.kinds.has('how') && !s.kinds.has('advice') && fresh(s) && !facts.includes(s))
          // Only tricks of the kind asked about: a sentence naming the type, or one that
          // shares much of the question.
          .filter((s) => (type ? typeMention(s.text, type) > 0 : false) || s.relevance >= 0.3)
          .sort((a, b) => b.relevance - a.relevance)
          .slice(0, 2);
  const cases =
    q.intent === 'facts'
      ? []
      : sentences
          .filter((s) => s.kinds.has('case') && fresh(s) && !facts.includes(s) && !how.includes(s) && s.relevance >= 0.15)
          .sort((a, b) => b.relevance - a.relevance)
          .slice(0, 1);

  if (lang === 'en') {
    // The evidence is Chinese: one line points at the quotes instead of three that would
    // say the same thing.
    const cited = [...new Set([...facts, ...how, ...cases].map((s) => s.hit))].sort((a, b) => a - b);
    if (cited.length) sections.push({ kind: 'facts', heading: HEADINGS.en.facts, lines: [{ text: EN_EVIDENCE.facts(cited.length), cites: cited }] });
  } else {
    if (facts.length) sections.push({ kind: 'facts', heading: HEADINGS.zh.facts, lines: facts.map(take) });
    if (how.length) sections.push({ kind: 'how', heading: HEADINGS.zh.how, lines: how.map(take) });
  }

  // How to protect yourself: quoted advice (Chinese) or the matching English tips. Advice
  // specific to another scam type (e.g. "brushing is fraud" for a romance question) and
  // case narratives that merely mention a bank are left out.
  const typeId = type?.id;
  // A tip is advice, not a story that merely mentions 96110 or a bank: inside a case
  // narrative a sentence counts only for real advice it reports ("叮嘱转账前要多核实")
  // or quotes ("千万不要转账").
  const isTip = (s: Sentence) =>
    s.kinds.has('advice') &&
    (!s.kinds.has('case') || (s.advice && !s.advice.mention) || (ADVICE_WORDS.test(s.text) && /[“「]/u.test(s.text))) &&
    (!s.advice?.types || !typeId || s.advice.types.includes(typeId));
  // Plain advice before advice reported in a story; recognised advice before the rest.
  const advice = sentences
    .filter((s) => isTip(s) && fresh(s))
    .sort((a, b) => Number(a.kinds.has('case')) - Number(b.kinds.has('case')) || Number(!!b.advice) - Number(!!a.advice) || b.relevance - a.relevance);
  let tips: AnswerLine[] = [];
  if (lang === 'en') {
    const byPattern = new Map<string, AnswerLine>();
    for (const s of advice) if (s.advice && !byPattern.has(s.advice.id)) byPattern.set(s.advice.id, { text: s.advice.en, cites: [s.hit] });
    tips = [...byPattern.values()].slice(0, 3);
  } else {
    tips = advice.slice(0, 3).map(take);
  }
  if (tips.length) sections.push({ kind: 'tips', heading: HEADINGS[lang].tips, lines: tips });

  const freshCases = cases.filter(fresh);
  if (lang === 'zh' && freshCases.length) sections.push({ kind: 'case', heading: HEADINGS.zh.case, lines: freshCases.map(take) });
  if (q.intent === 'tips') {
    // Tips before everything but the gist.
    const tipsAt = sections.findIndex((x) => x.kind === 'tips');
    if (tipsAt > 1) sections.splice(1, 0, ...sections.splice(tipsAt, 1));
  }
  return { sections, nextSteps: NEXT[lang] };
}
