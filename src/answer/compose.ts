/**
 * Extractive answers composed by intent, from two layers: the curated guide (how a scam
 * works, red flags, what to do, one rule to remember; seeds/guide/) and the news articles
 * (real cases quoted whole, figures labelled with their place and article, quoted police
 * advice). No model is involved; the same question always gets the same answer.
 *
 * Rules every composition keeps: a line that cites passage n is a verbatim run of
 * sentences of passage n; our own framing (headings, type names, the verdict) cites
 * nothing; a case is a case of the type asked about, told from setup to outcome; tips are
 * advice; a section with nothing true to say is left out.
 */

import { classifyScamType } from '../check/classify.js';
import type { CheckResult } from '../check/types.js';
import { NO_SIGNS_TEXT } from '../check/types.js';
import type { GuideLang, GuideMeta } from '../corpus/guide.js';
import { type Passage, splitSentences } from '../corpus/split.js';
import type { StoredArticle } from '../index/store.js';
import {
  ADVICE_STRONG,
  ADVICE_WORDS,
  AUDIENCE_CASE_TYPES,
  CAMPAIGN,
  CASE_FRAUD,
  CASE_OUTCOME,
  CASE_START,
  COMMON_TYPES,
  FIGURE,
  MAX_CASE_CHARS,
  MAX_CASE_SENTENCES,
  MAX_STORY_CHARS,
  MAX_STORY_PARAGRAPHS,
  MAX_STORY_SENTENCES,
  NEW_CASE,
  PERSON,
  RECOVERY_FACT,
  SITUATION_PAGES,
  STAT_WORDS,
  STORY_CONTINUES,
  STORY_SUBJECT,
  TYPES_RULES_SHOWN,
} from '../knowledge/advice.js';
import { ADVICE_PATTERNS } from '../knowledge/glossary.js';
import { ROUTINE_NOTICES } from '../knowledge/routine-notices.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import type { Hit } from '../retrieval/hybrid.js';
import type { QueryAnalysis } from '../retrieval/query.js';
import { typeMention } from '../retrieval/type-mention.js';
import { normalizeForSearch } from '../text/script.js';
import {
  baseLang,
  EXTRA_HEADINGS,
  factsHeading,
  flagLine,
  GENERIC_GIST,
  HEADINGS,
  NEXT,
  typeFraming,
  typesFraming,
  verdictLine,
} from './i18n.js';
import type { AnswerLine, AnswerSection } from './types.js';

/** How many lines of one guide section an answer quotes: the guide's lists hold 3–7. */
export const MAX_GUIDE_LINES = 5;
/**
 * Lines of a section that supports the main one (red flags after how-it-works, what to do
 * after the steps): enough to act on, short enough that the answer stays one screen.
 */
export const SUPPORTING_LINES = 4;
/** Lines of a third-order section (a type's todo inside a victim answer, the situation's facts). */
export const SECONDARY_LINES = 3;
/** Most figures quoted for a facts question: enough to answer, few enough to read. */
export const MAX_FACT_LINES = 4;
/** Most recovery figures quoted for a victim, and per article (so more than one city is heard). */
export const MAX_RECOVERY_LINES = 3;
export const MAX_RECOVERY_PER_ARTICLE = 2;
/**
 * Least relevance (share of the question's words) a figure must have to be quoted for a
 * facts question, and the share of the best figure's relevance it must reach: a figure
 * that shares one word with the question does not answer it.
 */
export const FACT_MIN_RELEVANCE = 0.2;
export const FACT_RELATIVE_BAR = 0.6;

/** Lines of a general answer: guide items or rules, police advice, news sentences (one screen). */
export const MAX_GENERAL_RULES = 3;
/**
 * Least relevance of a retrieved guide item to be quoted in a general answer: guide items
 * are short, so sharing one common word (转账, 银行) already gives 0.2.
 */
export const GUIDE_MIN_RELEVANCE = 0.35;
export const MAX_GENERAL_ADVICE = 2;
export const MAX_GENERAL_NEWS = 3;
/** News sentences about the type (or the question) quoted beside the guide and the case. */
export const MAX_TYPE_NEWS = 2;
/**
 * Least relevance of a news sentence quoted for a question that names no type (protect
 * my parents): without the type to anchor it, one shared word (诈骗, 防范) is not enough.
 */
export const UNTYPED_NEWS_MIN_RELEVANCE = 0.35;

/**
 * Most cases, figures or advice sentences weighed for one answer, besides those of the
 * passages retrieved for the question: the library grows with the corpus (1M passages:
 * 47k cases, 140k figures) and weighing each costs a word segmentation, so an answer
 * weighs the retrieved ones and the earliest others, up to this many. The seed corpus has
 * 16 cases and 25 figures: there the cap changes nothing.
 */
export const CANDIDATE_CAP = 200;
/** Most entries looked at to find those others (a test per entry, e.g. the place of a figure). */
export const CANDIDATE_SCAN = 10_000;

function addTo<T>(m: Map<number, T[]>, key: number, x: T): void {
  const list = m.get(key);
  if (list) list.push(x);
  else m.set(key, [x]);
}

/** Library entries by passage label, built once per library (for the retrieved passages). */
interface LabelIndex {
  cases: Map<number, NewsCase[]>;
  figures: Map<number, NewsSentence[]>;
}
const labelIndexes = new WeakMap<Library, LabelIndex>();
function labelIndex(library: Library): LabelIndex {
  let ix = labelIndexes.get(library);
  if (!ix) {
    const cases = new Map<number, NewsCase[]>();
    for (const c of library.cases) for (const label of new Set(c.lines.map((l) => l.label))) addTo(cases, label, c);
    const figures = new Map<number, NewsSentence[]>();
    for (const f of library.figures) addTo(figures, f.label, f);
    labelIndexes.set(library, (ix = { cases, figures }));
  }
  return ix;
}

/** Positions of a library list's entries, built once per list. */
const positions = new WeakMap<readonly object[], Map<object, number>>();
function positionOf<T extends object>(all: readonly T[], x: T): number {
  let p = positions.get(all);
  if (!p) positions.set(all, (p = new Map(all.map((e, i) => [e, i]))));
  return p.get(x) ?? 0;
}

/**
 * The entries of `all` that pass `fits`: those of the retrieved passages (`nearby`), then
 * the earliest others, at most {@link CANDIDATE_CAP} of those among the first
 * {@link CANDIDATE_SCAN} entries; in library order.
 */
function candidates<T extends object>(all: readonly T[], nearby: T[], fits: (x: T) => boolean): T[] {
  const picked = new Set(nearby.filter(fits));
  let others = 0;
  for (let i = 0; i < all.length && i < CANDIDATE_SCAN && others < CANDIDATE_CAP; i++) {
    const x = all[i];
    if (!picked.has(x) && fits(x)) {
      picked.add(x);
      others++;
    }
  }
  return [...picked].sort((a, b) => positionOf(all, a) - positionOf(all, b));
}

/** Whether a sentence of passage `label` is part of a case (a story, quoted whole elsewhere). */
function inCase(library: Library, label: number, text: string): boolean {
  return (labelIndex(library).cases.get(label) ?? []).some((c) => c.text.includes(text));
}

/** The labels of the passages retrieved for the question (hits and the deeper news hits). */
function retrieved(input: ComposeInput): Set<number> {
  return new Set([...input.hits, ...(input.news ?? [])].map((h) => h.label));
}

/** A question about protecting oneself in general ("怎样防范电信诈骗", "how do I avoid scams"). */
const PREVENTION =
  /防范|防骗|预防|不被骗|不上当|保护自己|避免被骗|注意什么|protect (myself|yourself)|avoid|prevent|stay safe|not get scammed/iu;

/** A guide item: one passage, one list item. */
export interface GuideEntry {
  label: number;
  text: string;
  section: string;
}

/** One guide page in one language. */
export interface GuidePageIndex {
  meta: GuideMeta;
  sections: Map<string, GuideEntry[]>;
}

/** A run of consecutive sentences of one news paragraph, from setup to outcome. */
export interface NewsCase {
  source: string;
  paragraphIndex: number;
  /** One line per passage the run crosses; each line is a substring of its passage. */
  lines: { label: number; text: string }[];
  text: string;
  /** Scam type of the case, when its words name one. */
  type?: string;
}

/** A sentence of a news passage. */
export interface NewsSentence {
  label: number;
  text: string;
}

/** What the library keeps of an article: where it is from, not its text. */
export type LibraryArticle = Pick<StoredArticle, 'source' | 'title' | 'meta'>;

/**
 * What the composer reads besides the retrieved hits: the guide and the news, indexed
 * once (at ingest, src/answer/library-file.ts; or on first use for an index without one).
 */
export interface Library {
  /** The passage with a label (labels of the entries below). */
  passage(label: number): Passage;
  pages: Map<string, Partial<Record<GuideLang, GuidePageIndex>>>;
  cases: NewsCase[];
  /** News sentences that carry a figure. */
  figures: NewsSentence[];
  /** Quoted police advice in the news. */
  advice: NewsSentence[];
  /** News articles by source. */
  articles: Map<string, LibraryArticle>;
  /** Guide page metadata by source file (guide/<lang>/<id>.md). */
  guideSources: Map<string, GuideMeta>;
}

/**
 * The scam type a text is about: the type whose name it uses (1), else an alias or two
 * keywords (0.5), the type with more keywords winning a tie; undefined when none reaches
 * 0.5. One generic word (警察, 老师) never types a text.
 */
export function classifyText(text: string): string | undefined {
  const n = normalizeForSearch(text);
  let best: { id: string; score: number } | undefined;
  for (const t of SCAM_TYPES) {
    const m = typeMention(n, t, true);
    if (m < 0.5) continue;
    const score = m + 0.01 * t.keywords.filter((k) => n.includes(k)).length;
    if (!best || score > best.score) best = { id: t.id, score };
  }
  // Named by the taxonomy's names and aliases first; else the checker's typing (strong
  // words, or two weak ones).
  return best?.id ?? classifyScamType(n);
}

/** A sentence of a news article, with the paragraph it belongs to. */
interface ArticleSentence extends NewsSentence {
  paragraphIndex: number;
}

/**
 * Splits an article (its sentences in order) into cases. A case stays in its paragraph,
 * except a story about a person (陈某某, 当事人) whose lead paragraph has no outcome yet:
 * police reports often tell one story over several short paragraphs ("据悉，当天…",
 * "与此同时…"), so it runs on until its outcome, unless a paragraph opens a new story.
 */
function casesOf(sentences: ArticleSentence[], source: string): NewsCase[] {
  const out: NewsCase[] = [];
  let i = 0;
  while (i < sentences.length) {
    if (!CASE_START.test(sentences[i].text)) {
      i++;
      continue;
    }
    const para = sentences[i].paragraphIndex;
    const paraEnd = (k: number) =>
      k + 1 >= sentences.length || sentences[k + 1].paragraphIndex !== sentences[k].paragraphIndex;
    // The story runs to its outcome: not the lead's own summary ("感谢民警帮其挽损75万余元")
    // but the first outcome after it, or the lead when the paragraph ends there.
    let end = -1;
    // A lead that tells its outcome and is followed by a new story is a case on its own.
    // Who the story is about (陈某某, 小金, 当事人): a following paragraph continues the
    // story when it names them again or opens with a continuation (据悉, 与此同时).
    const who = sentences[i].text.match(PERSON)?.[0] ?? sentences[i].text.match(STORY_SUBJECT)?.[0];
    const name = who && /^(人员|员工|学生|儿子|女儿)/u.test(who) ? who.slice(-2) : who;
    const continues = (k: number) =>
      !!name &&
      sentences[k].paragraphIndex === sentences[k - 1].paragraphIndex + 1 &&
      !NEW_CASE.test(sentences[k].text) &&
      (STORY_CONTINUES.test(sentences[k].text) ||
        sentences.some((x) => x.paragraphIndex === sentences[k].paragraphIndex && x.text.includes(name)));
    const leadDone =
      CASE_OUTCOME.test(sentences[i].text) &&
      (paraEnd(i) ? !(i + 1 < sentences.length && continues(i + 1)) : NEW_CASE.test(sentences[i + 1].text));
    let paragraphs = 1;
    for (let j = i + 1; !leadDone && j < Math.min(sentences.length, i + MAX_STORY_SENTENCES); j++) {
      if (sentences[j].paragraphIndex !== sentences[j - 1].paragraphIndex) {
        // Crossing into the next paragraph: only the same story, in at most a few paragraphs.
        paragraphs++;
        if (paragraphs > MAX_STORY_PARAGRAPHS || !continues(j)) break;
      } else if (paragraphs === 1 && j - i >= MAX_CASE_SENTENCES) break;
      if (CASE_OUTCOME.test(sentences[j].text)) {
        end = j;
        break;
      }
    }
    if (end < 0 && leadDone) end = i;
    if (end < 0) {
      i++;
      continue;
    }
    // A direct quote just before the opening, in its paragraph, belongs to the story (“您好，我这里是96110…”).
    const prev = sentences[i - 1];
    const from =
      prev && prev.paragraphIndex === para && /^[“「]/u.test(prev.text) && !out.some((c) => c.text.includes(prev.text))
        ? i - 1
        : i;
    const run = sentences.slice(from, end + 1);
    const text = run.map((s) => s.text).join('');
    const multi = run[run.length - 1].paragraphIndex !== para;
    if (CASE_FRAUD.test(text) && text.length <= (multi ? MAX_STORY_CHARS : MAX_CASE_CHARS)) {
      const lines: { label: number; text: string }[] = [];
      for (const s of run) {
        const last = lines[lines.length - 1];
        if (last && last.label === s.label) last.text += s.text;
        else lines.push({ label: s.label, text: s.text });
      }
      out.push({ source, paragraphIndex: run[0].paragraphIndex, lines, text, type: classifyText(text) });
    }
    i = end + 1;
  }
  return out;
}

/** A description of publicity work (活动, 宣传, 参观) that holds no rule: never quoted as what the police say. */
function campaignOnly(text: string): boolean {
  return CAMPAIGN.test(text) && !ADVICE_STRONG.test(text);
}

function isAdviceQuote(text: string): boolean {
  const quoted = /^[“「]/u.test(text);
  const pattern = ADVICE_PATTERNS.find((a) => !a.mention && a.zh.test(text));
  // A narrative sentence counts only for the advice it quotes.
  if (quoted) return !!pattern || ADVICE_STRONG.test(text);
  return !!pattern && ADVICE_WORDS.test(text) && !CASE_START.test(text) && !PERSON.test(text) && !campaignOnly(text);
}

/**
 * Indexes the guide and the news of an index: every passage is read, so this runs at
 * ingest (its result is stored, src/answer/library-file.ts) rather than at the first answer.
 */
export function buildLibrary(
  passages: readonly Passage[],
  articles: readonly LibraryArticle[],
  /** Label of `passages[0]`: a library of some articles is built where they lie in the index. */
  firstLabel = 0,
): Library {
  const at = (label: number) => passages[label - firstLabel];
  const byArticle = new Map(articles.map((a) => [a.source, a]));
  const pages: Library['pages'] = new Map();
  const paragraphs = new Map<string, number[]>();
  passages.forEach((p, k) => {
    const label = firstLabel + k;
    const meta = byArticle.get(p.source)?.meta.guide;
    if (meta && (p.kind ?? 'guide') === 'guide') {
      const page = pages.get(meta.page) ?? {};
      pages.set(meta.page, page);
      const idx = (page[meta.lang] ??= { meta, sections: new Map() });
      const section = p.section ?? 'how';
      const entries = idx.sections.get(section) ?? [];
      idx.sections.set(section, entries);
      entries.push({ label, text: p.text, section });
      return;
    }
    const key = `${p.source}\u0000${p.paragraphIndex}`;
    const labels = paragraphs.get(key) ?? [];
    paragraphs.set(key, labels);
    labels.push(label);
  });
  const cases: NewsCase[] = [];
  const figures: NewsSentence[] = [];
  const advice: NewsSentence[] = [];
  const articleSentences = new Map<string, ArticleSentence[]>();
  for (const labels of paragraphs.values()) {
    labels.sort((a, b) => at(a).start - at(b).start);
    const first = at(labels[0]);
    const sentences: ArticleSentence[] = labels.flatMap((label) =>
      splitSentences(at(label).text)
        .map((t) => t.trim())
        .filter((t) => t.length >= 6)
        .map((text) => ({ label, text, paragraphIndex: first.paragraphIndex })),
    );
    const inArticle = articleSentences.get(first.source) ?? [];
    articleSentences.set(first.source, inArticle);
    for (const s of sentences) inArticle.push(s);
    for (const s of sentences) {
      // Statistics, not stories: a figure about cases or money, with no named person.
      if (FIGURE.test(s.text) && STAT_WORDS.test(s.text) && !PERSON.test(s.text))
        figures.push({ label: s.label, text: s.text });
      if (isAdviceQuote(s.text)) advice.push({ label: s.label, text: s.text });
    }
  }
  for (const [source, sentences] of articleSentences) {
    sentences.sort((a, b) => a.paragraphIndex - b.paragraphIndex || at(a.label).start - at(b.label).start);
    cases.push(...casesOf(sentences, source));
  }
  const news = new Map(articles.filter((a) => !a.meta.guide).map((a) => [a.source, a]));
  const guideSources = new Map(articles.filter((a) => a.meta.guide).map((a) => [a.source, a.meta.guide!]));
  return { passage: at, pages, cases, figures, advice, articles: news, guideSources };
}

/** Composition input. */
export interface ComposeInput {
  q: QueryAnalysis;
  hits: Hit[];
  /**
   * The best news passages for the question, from a deeper retrieval than `hits`: guide
   * items are short and on topic, so they fill the top of the list and would leave the
   * news (cases, figures, what the police say) unquoted.
   */
  news?: Hit[];
  library: Library;
  /** Relevance of a sentence to the question, 0–1 (the retriever's idf-weighted coverage). */
  relevance: (text: string) => number;
  /** The scam type the answer is about (from the question, the guide titles or the checker). */
  typeId?: string;
  /** The message check, for a message. */
  check?: CheckResult;
}

/** Sections whose cites are passage labels (numbered later by the engine). */
export interface Draft {
  sections: AnswerSection[];
  nextSteps: string;
}

type Lang = 'zh' | 'en';

const guideLang = (lang: Lang): GuideLang => (lang === 'en' ? 'en' : 'zh-Hans');

/** The name of a type in the answer's language: the taxonomy's, else the guide page's title. */
export function typeInfo(id: string, library: Library): { id: string; name: string; nameEn: string } | undefined {
  const t = SCAM_TYPES.find((x) => x.id === id);
  const page = library.pages.get(id);
  if (!t && !page) return undefined;
  return {
    id,
    name: t?.name ?? page?.['zh-Hans']?.meta.pageTitle ?? id,
    nameEn: t?.nameEn ?? page?.en?.meta.pageTitle ?? id,
  };
}

/**
 * A scam type named by a guide page's title when the taxonomy did not recognise one
 * (the guide may cover types before the taxonomy does).
 */
export function typeFromGuideTitles(q: QueryAnalysis, library: Library): string | undefined {
  const lower = q.question.toLowerCase();
  for (const [id, page] of library.pages) {
    const zh = page['zh-Hans']?.meta;
    if (!zh || zh.topic !== 'scam-type') continue;
    const names = zh.pageTitle
      .split(/[、（）()/和·\s]/u)
      .filter((s) => s.length >= 2)
      .map((s) => normalizeForSearch(s));
    if (names.some((n) => q.normalized.includes(n))) return id;
    const en = page.en?.meta.pageTitle.toLowerCase();
    if (en && en.length >= 6 && lower.includes(en)) return id;
  }
  return undefined;
}

function guideLines(
  library: Library,
  page: string | undefined,
  section: string,
  lang: Lang,
  max = MAX_GUIDE_LINES,
): AnswerLine[] {
  if (!page) return [];
  const idx = library.pages.get(page)?.[guideLang(lang)];
  return (idx?.sections.get(section) ?? []).slice(0, max).map((e) => ({ text: e.text, cites: [e.label] }));
}

function guideHeading(
  library: Library,
  page: string | undefined,
  section: string,
  lang: Lang,
  fallback: string,
): string {
  if (!page) return fallback;
  return library.pages.get(page)?.[guideLang(lang)]?.meta.sections[section] ?? fallback;
}

function push(
  sections: AnswerSection[],
  kind: AnswerSection['kind'],
  heading: string | undefined,
  lines: AnswerLine[],
): void {
  if (lines.length) sections.push({ kind, heading, lines });
}

/** The guide section as an answer section under its own heading, if the page has it. */
function guideSection(
  sections: AnswerSection[],
  library: Library,
  page: string | undefined,
  section: string,
  kind: AnswerSection['kind'],
  lang: Lang,
  max?: number,
): void {
  push(
    sections,
    kind,
    guideHeading(library, page, section, lang, HEADINGS[lang][kind]),
    guideLines(library, page, section, lang, max),
  );
}

/** The best real case of a type: most relevant to the question, then the earliest. */
function caseOf(
  library: Library,
  types: string[],
  relevance: (t: string) => number,
  near: Set<number> = new Set(),
): NewsCase | undefined {
  const byLabel = labelIndex(library).cases;
  const nearby = [...near].flatMap((label) => byLabel.get(label) ?? []);
  const cands = candidates(library.cases, nearby, (c) => !!c.type && types.includes(c.type));
  if (!cands.length) return undefined;
  const rank = new Map(cands.map((c) => [c, types.indexOf(c.type!) * 10 - relevance(c.text)]));
  return cands.sort((a, b) => rank.get(a)! - rank.get(b)!)[0];
}

function caseSection(sections: AnswerSection[], c: NewsCase | undefined, lang: Lang): void {
  if (c)
    sections.push({
      kind: 'case',
      heading: HEADINGS[lang].case,
      lines: c.lines.map((l) => ({ text: l.text, cites: [l.label] })),
    });
}

/** Quoted police advice of a type (advice specific to another type is left out). */
function adviceFor(library: Library, typeId: string | undefined, max: number): AnswerLine[] {
  const t = typeId ? SCAM_TYPES.find((x) => x.id === typeId) : undefined;
  const fits = (s: NewsSentence) => {
    const p = ADVICE_PATTERNS.find((a) => !a.mention && a.zh.test(s.text));
    if (p?.types) return !!typeId && p.types.includes(typeId);
    return t ? typeMention(s.text, t) > 0 : false;
  };
  return firstOf(library.advice, (s) => fits(s) && !mentionOnly(s.text), max).map((s) => ({
    text: s.text,
    cites: [s.label],
  }));
}

/**
 * The first `max` entries that pass `fits`, among the first {@link CANDIDATE_SCAN}
 * (libraries are large; advice for a rare type may match nowhere).
 */
function firstOf<T>(all: readonly T[], fits: (x: T) => boolean, max: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < all.length && i < CANDIDATE_SCAN && out.length < max; i++) if (fits(all[i])) out.push(all[i]);
  return out;
}

/**
 * A quote from a 96110 call or a bank counter ("您好，我这里是96110…") belongs to its story,
 * not to a list of tips.
 */
function mentionOnly(text: string): boolean {
  return ADVICE_PATTERNS.some((a) => a.mention && a.zh.test(text));
}

/**
 * Retrieved news sentences that answer the question (and name the type asked, if any),
 * most relevant first: what the reports say beside the guide. Stories of a person are
 * left to the case section, and sentences already quoted are not repeated.
 */
function newsAbout(
  input: ComposeInput,
  typeId: string | undefined,
  max: number,
  quoted: AnswerSection[] = [],
  minRelevance = FACT_MIN_RELEVANCE,
): AnswerLine[] {
  const t = typeId ? SCAM_TYPES.find((x) => x.id === typeId) : undefined;
  const already = quoted.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
  const pool = input.news ?? input.hits.filter((h) => h.passage.kind !== 'guide');
  const seen = new Set<string>();
  return (
    pool
      .filter((h) => h.passage.kind !== 'guide')
      .flatMap((h, rank) => splitSentences(h.passage.text).map((text) => ({ text: text.trim(), label: h.label, rank })))
      .filter((s) => {
        if (s.text.length < 6 || seen.has(s.text) || already.includes(s.text)) return false;
        seen.add(s.text);
        // A sentence of a story belongs to its case, told whole, not to a list of statements.
        if (PERSON.test(s.text) || mentionOnly(s.text) || inCase(input.library, s.label, s.text)) return false;
        // Publicity work is progress for a facts question, not a statement on anything else.
        if (input.q.intent !== 'facts' && campaignOnly(s.text)) return false;
        // Without a type, a sentence must at least be about fraud (not a thank-you or a feeling).
        if (!t) return CASE_FRAUD.test(s.text);
        return typeMention(s.text, t) > 0;
      })
      .map((s) => ({ ...s, r: input.relevance(s.text) }))
      // A list of scams ("刷单诈骗、理财诈骗、交友诈骗等") says something about this type only
      // when it names the type first (its aliases widen the question, so relevance cannot tell).
      .filter((s) => s.r >= minRelevance && (!t || typesNamed(s.text) < LIST_TYPES || firstTypeNamed(s.text) === t.id))
      .sort((a, b) => b.r - a.r || a.rank - b.rank)
      .slice(0, max)
      .sort((a, b) => a.label - b.label)
      .map((s) => ({ text: s.text, cites: [s.label] }))
  );
}

/** A sentence naming this many scam types or more is a list of scams. */
export const LIST_TYPES = 3;

/** How many scams a sentence names: taxonomy types, or "X诈骗", "X骗局" it lists. */
function typesNamed(text: string): number {
  const n = normalizeForSearch(text);
  const listed = n.match(/[\u4e00-\u9fff]{2}(诈骗|骗局)/gu)?.length ?? 0;
  return Math.max(listed, SCAM_TYPES.filter((t) => typeMention(n, t, true) > 0).length);
}

/** The type a list of scams names first: what the sentence is about ("退改签骗局再次掀起高潮，还有…"). */
function firstTypeNamed(text: string): string | undefined {
  const n = normalizeForSearch(text);
  let best: { id: string; at: number } | undefined;
  for (const t of SCAM_TYPES) {
    const names = [...t.name.split(/[/（）()]/u), ...t.aliases].filter((a) => a.length >= 2);
    const at = Math.min(...names.map((a) => n.indexOf(a)).filter((i) => i >= 0));
    if (Number.isFinite(at) && (!best || at < best.at)) best = { id: t.id, at };
  }
  return best?.id;
}

/** Police advice that applies to any scam (patterns without a type), e.g. "不得转账". */
function genericAdvice(library: Library, max: number): AnswerLine[] {
  return firstOf(
    library.advice,
    (x) => ADVICE_PATTERNS.some((a) => !a.mention && !a.types && a.zh.test(x.text)) && !mentionOnly(x.text),
    max,
  ).map((x) => ({ text: x.text, cites: [x.label] }));
}

/** Figures grouped by article, each group headed by its place and title. */
function factSections(
  library: Library,
  lines: NewsSentence[],
  lang: Lang,
  kind: AnswerSection['kind'] = 'facts',
): AnswerSection[] {
  const bySource = new Map<string, NewsSentence[]>();
  for (const s of lines) {
    const src = library.passage(s.label).source;
    bySource.set(src, [...(bySource.get(src) ?? []), s]);
  }
  return [...bySource].map(([src, ss]) => {
    const a = library.articles.get(src);
    return {
      kind,
      heading: factsHeading(lang, a?.meta.place, a?.title ?? library.passage(ss[0].label).title),
      lines: ss.map((s) => ({ text: s.text, cites: [s.label] })),
    };
  });
}

/** The article places a question names (e.g. 永康, 无锡), from the catalog's place field. */
function placesAsked(q: QueryAnalysis, library: Library): Set<string> {
  const out = new Set<string>();
  for (const a of library.articles.values()) {
    const place = a.meta.place ?? '';
    // "江苏无锡" → also 无锡 (a place name is at least two characters).
    const parts = [place, place.slice(2)].filter((s) => s.length >= 2);
    const asked = [q.normalized, ...q.expansions].join(' ');
    if (parts.some((p) => asked.includes(normalizeForSearch(p)))) out.add(a.source);
  }
  return out;
}

/** The anti-fraud lines: mainland 96110, Taiwan's 165, Hong Kong's 18222 (not inside longer numbers). */
const HOTLINE_NUMBER = /(?<!\d)(96110|165|18222)(?!\d)/u;

/** The guide page a "verify" question is about. */
function verifyPage(q: QueryAnalysis, typeId: string | undefined): string {
  const text = `${q.normalized} ${q.question.toLowerCase()}`;
  if (HOTLINE_NUMBER.test(text)) return SITUATION_PAGES.hotline;
  if (/国家反诈中心|反诈(中心)?app|反诈软件|anti-fraud app|national anti-fraud/iu.test(text))
    return SITUATION_PAGES.app;
  if (typeId) return typeId;
  // "Is the police officer on the phone real?": the fake-police page answers it, though one
  // word does not make the question's scam type.
  if (/警察|公安|民警|检察|法院|police|officer|prosecutor|court/iu.test(text)) return 'fake-police';
  return SITUATION_PAGES.verify;
}

/** Composes the extractive answer. `cites` are passage labels. */
export function composeExtractive(input: ComposeInput): Draft {
  const { q, library, relevance, typeId } = input;
  const near = retrieved(input);
  const lang = baseLang(q.language);
  const sections: AnswerSection[] = [];
  const type = typeId ? typeInfo(typeId, library) : undefined;
  const hasPage = (page: string) => !!library.pages.get(page)?.[guideLang(lang)];

  switch (input.check ? 'check-message' : q.intent) {
    case 'check-message': {
      const c = input.check!;
      const checkType = c.scamType ? typeInfo(c.scamType, library) : undefined;
      const name = checkType ? (lang === 'en' ? checkType.nameEn : checkType.name) : undefined;
      // A recognised routine notice says what it was taken for (一次性验证码, 运营商账单 …), so
      // the person can tell whether the checker read their message as they did.
      const routine = c.routine ? ROUTINE_NOTICES.find((k) => k.id === c.routine) : undefined;
      const recognised = routine
        ? [{ text: lang === 'en' ? `Recognised as: ${routine.label.en}.` : `识别为：${routine.label.zh}。`, cites: [] }]
        : [];
      sections.push({
        kind: 'verdict',
        lines: [{ text: verdictLine(c.verdict, lang, name, NO_SIGNS_TEXT), cites: [] }, ...recognised],
      });
      push(
        sections,
        'flags',
        EXTRA_HEADINGS[lang].messageFlags,
        c.redFlags.map((f) => ({
          text: flagLine(lang === 'en' ? f.label.en : f.label.zh, f.evidence, lang),
          cites: [],
        })),
      );
      // What to do now: the type's guide todo, else how to check who is writing.
      const page = c.verdict !== 'no-signs' && checkType && hasPage(checkType.id) ? checkType.id : undefined;
      if (page) guideSection(sections, library, page, 'todo', 'todo', lang);
      else guideSection(sections, library, SITUATION_PAGES.verify, 'steps', 'todo', lang, SUPPORTING_LINES);
      if (c.verdict === 'no-signs') break;
      const cs = checkType ? caseOf(library, [checkType.id], relevance, near) : undefined;
      caseSection(sections, cs, lang);
      if (!cs) push(sections, 'tips', HEADINGS[lang].tips, adviceFor(library, checkType?.id, MAX_GENERAL_ADVICE));
      // What the reports say about this type (e.g. 退改签 scams rising at holidays).
      // A message shares few words with a report, so naming the type is enough here.
      if (!cs && checkType)
        push(sections, 'facts', EXTRA_HEADINGS[lang].reports, newsAbout(input, checkType.id, 1, sections, 0));
      break;
    }
    case 'how': {
      if (type) sections.push({ kind: 'gist', lines: [{ text: typeFraming(type, lang), cites: [] }] });
      guideSection(sections, library, typeId, 'how', 'how', lang);
      guideSection(sections, library, typeId, 'flags', 'flags', lang, SUPPORTING_LINES);
      const howCase = typeId ? caseOf(library, [typeId], relevance, near) : undefined;
      caseSection(sections, howCase, lang);
      // What the reports say about this type besides the case (or instead of one).
      push(sections, 'facts', EXTRA_HEADINGS[lang].reports, newsAbout(input, typeId, MAX_TYPE_NEWS, sections));
      guideSection(sections, library, typeId, 'todo', 'todo', lang, SUPPORTING_LINES);
      guideSection(sections, library, typeId, 'rule', 'rule', lang, 1);
      if (sections.length <= 1) return composeGeneral(input, sections);
      break;
    }
    case 'victim': {
      const page = SITUATION_PAGES.victims;
      guideSection(sections, library, page, 'steps', 'steps', lang);
      // The type's own advice right after the first steps (e.g. what to keep for a livestream purchase).
      const typed = !!typeId && hasPage(typeId);
      if (typed) guideSection(sections, library, typeId, 'todo', 'todo', lang, SECONDARY_LINES);
      // A real case of the type, when the reports tell one: what the police did and how it ended.
      if (typeId) caseSection(sections, caseOf(library, [typeId], relevance, near), lang);
      const figuresAt = labelIndex(library).figures;
      const recovery = candidates(
        library.figures,
        [...near].flatMap((label) => figuresAt.get(label) ?? []),
        (s) => RECOVERY_FACT.test(s.text),
      );
      // One figure per article, the most relevant first: several cities, each named.
      const chosen: NewsSentence[] = [];
      const recoveryWords = (t: string) => t.match(new RegExp(RECOVERY_FACT.source, 'gu'))?.length ?? 0;
      const weight = new Map(recovery.map((s) => [s, { w: recoveryWords(s.text), r: relevance(s.text) }]));
      for (const s of [...recovery].sort(
        (a, b) => weight.get(b)!.w - weight.get(a)!.w || weight.get(b)!.r - weight.get(a)!.r,
      )) {
        const src = library.passage(s.label).source;
        if (
          chosen.length < MAX_RECOVERY_LINES &&
          chosen.filter((c) => library.passage(c.label).source === src).length < MAX_RECOVERY_PER_ARTICLE
        )
          chosen.push(s);
      }
      chosen.sort((a, b) => a.label - b.label);
      // Headed by place and article; the recovery framing goes into the heading.
      for (const f of factSections(library, chosen, lang))
        sections.push({ ...f, heading: `${EXTRA_HEADINGS[lang].recovery}${lang === 'en' ? ': ' : '：'}${f.heading}` });
      guideSection(sections, library, page, 'facts', 'facts', lang, SECONDARY_LINES);
      if (!typed) guideSection(sections, library, page, 'todo', 'todo', lang, SECONDARY_LINES);
      guideSection(sections, library, page, 'rule', 'rule', lang, 1);
      break;
    }
    case 'verify': {
      const page = verifyPage(q, typeId);
      const isSituation = Object.values(SITUATION_PAGES).includes(page as never);
      // About Taiwan's 165 or Hong Kong's 18222: the page's rule is about 96110, so the direct
      // answer is the item that names the number asked and says what a real line never asks
      // for (a transfer); then the items naming the number, first.
      const asked =
        page === SITUATION_PAGES.hotline ? `${q.normalized} ${q.question}`.match(HOTLINE_NUMBER)?.[1] : undefined;
      if (asked && asked !== '96110') {
        const all = guideLines(library, page, 'facts', lang, Number.MAX_SAFE_INTEGER);
        const named = (l: AnswerLine) => l.text.includes(asked);
        const direct = all.find((l) => named(l) && /转账|transfer/iu.test(l.text));
        push(
          sections,
          'rule',
          EXTRA_HEADINGS[lang].answer,
          direct ? [direct] : guideLines(library, page, 'rule', lang, 1),
        );
        const rest = all.filter((l) => l !== direct);
        push(
          sections,
          'facts',
          guideHeading(library, page, 'facts', lang, HEADINGS[lang].facts),
          [...rest.filter(named), ...rest.filter((l) => !named(l))].slice(0, SUPPORTING_LINES),
        );
      } else {
        // The direct answer first: the page's one-line rule.
        push(sections, 'rule', EXTRA_HEADINGS[lang].answer, guideLines(library, page, 'rule', lang, 1));
      }
      const regionalLine = !!asked && asked !== '96110';
      if (regionalLine) {
        // Its facts are above.
      } else if (isSituation)
        guideSection(
          sections,
          library,
          page,
          page === SITUATION_PAGES.verify ? 'steps' : 'facts',
          'facts',
          lang,
          SUPPORTING_LINES,
        );
      else guideSection(sections, library, page, 'flags', 'flags', lang, SUPPORTING_LINES);
      guideSection(sections, library, page, 'todo', 'todo', lang, SECONDARY_LINES);
      // Quoted police advice: of the type, else advice for any call asking for money ("不得转账").
      const support = typeId ? adviceFor(library, typeId, 1) : genericAdvice(library, 1);
      push(sections, 'tips', EXTRA_HEADINGS[lang].support, support);
      const hotlineCase =
        page === SITUATION_PAGES.hotline && !regionalLine
          ? library.cases.find((c) => /96110/u.test(c.text))
          : undefined;
      // The page answers for a type the question implies ("真警察会打电话吗" → fake-police).
      const caseType = typeId ?? (SCAM_TYPES.some((t) => t.id === page) ? page : undefined);
      const verifyCase = hotlineCase ?? (caseType ? caseOf(library, [caseType], relevance, near) : undefined);
      caseSection(sections, verifyCase, lang);
      if (support.length === 0)
        push(sections, 'facts', EXTRA_HEADINGS[lang].reports, newsAbout(input, typeId, MAX_TYPE_NEWS, sections));
      if (sections.length === 0) return composeGeneral(input, sections);
      break;
    }
    case 'protect': {
      const audience = q.audience ?? 'elderly';
      const page = SITUATION_PAGES[audience];
      guideSection(sections, library, page, 'steps', 'steps', lang);
      guideSection(sections, library, page, 'facts', 'facts', lang, SUPPORTING_LINES);
      guideSection(sections, library, page, 'todo', 'todo', lang, SUPPORTING_LINES);
      caseSection(sections, caseOf(library, typeId ? [typeId] : AUDIENCE_CASE_TYPES[audience], relevance, near), lang);
      // What the police report doing for this audience (school talks, warnings to companies).
      push(
        sections,
        'facts',
        EXTRA_HEADINGS[lang].reports,
        newsAbout(input, typeId, MAX_TYPE_NEWS, sections, typeId ? FACT_MIN_RELEVANCE : UNTYPED_NEWS_MIN_RELEVANCE),
      );
      guideSection(sections, library, page, 'rule', 'rule', lang, 1);
      break;
    }
    case 'facts': {
      const places = placesAsked(q, library);
      const fromHits = new Set([...input.hits, ...(input.news ?? [])].map((h) => h.label));
      const inPlace = (label: number) => (places.size ? places.has(library.passage(label).source) : true);
      // A type asked about ("两卡治理进展"): what the reports say about it first, figures or not.
      const typed = typeId
        ? newsAbout(input, typeId, MAX_TYPE_NEWS)
            .filter((l) => inPlace(l.cites[0]))
            .map((l) => ({ label: l.cites[0], text: l.text }))
        : [];
      const figuresAt = labelIndex(library).figures;
      const cands = candidates(
        library.figures,
        [...fromHits].flatMap((label) => figuresAt.get(label) ?? []),
        (s) => inPlace(s.label) && !typed.some((t) => t.text === s.text),
      )
        .map((s) => ({ s, r: relevance(s.text) + (fromHits.has(s.label) ? 0.05 : 0) }))
        .sort((a, b) => b.r - a.r);
      const bar = Math.max(FACT_MIN_RELEVANCE, (cands[0]?.r ?? 0) * FACT_RELATIVE_BAR);
      const chosen = [...typed, ...cands.filter((c) => c.r >= bar).map((c) => c.s)].slice(0, MAX_FACT_LINES);
      sections.push(...factSections(library, chosen, lang));
      if (sections.length === 0) return composeGeneral(input, sections);
      break;
    }
    case 'types': {
      const shown = COMMON_TYPES.filter((id) => hasPage(id)).slice(0, TYPES_RULES_SHOWN);
      const names = shown.map((id) => typeInfo(id, library)).filter((t) => t !== undefined);
      sections.push({ kind: 'gist', lines: [{ text: typesFraming(names, lang), cites: [] }] });
      push(
        sections,
        'rule',
        EXTRA_HEADINGS[lang].typesRules,
        shown.flatMap((id) => guideLines(library, id, 'rule', lang, 1)),
      );
      // Which scams the police report as common where they work.
      push(sections, 'facts', EXTRA_HEADINGS[lang].reports, newsAbout(input, undefined, 1, sections));
      break;
    }
    default:
      return composeGeneral(input, sections);
  }
  return withContent({ sections, nextSteps: NEXT[lang] }, input);
}

/** True when some line of the sections quotes a source (our framing lines quote none). */
const hasContent = (sections: AnswerSection[]) => sections.some((s) => s.lines.some((l) => l.cites.length > 0));

/**
 * The guide's general advice: how to check who is asking, the police advice that holds for
 * any scam, the rules of the commonest scams.
 */
function generalAdvice(sections: AnswerSection[], library: Library, lang: Lang): void {
  const gl = guideLang(lang);
  guideSection(sections, library, SITUATION_PAGES.verify, 'steps', 'steps', lang, MAX_GUIDE_LINES);
  push(sections, 'tips', HEADINGS[lang].tips, genericAdvice(library, MAX_GENERAL_ADVICE));
  push(
    sections,
    'rule',
    EXTRA_HEADINGS[lang].typesRules,
    COMMON_TYPES.filter((id) => library.pages.get(id)?.[gl])
      .slice(0, MAX_GENERAL_RULES)
      .flatMap((id) => guideLines(library, id, 'rule', lang, 1)),
  );
}

/**
 * Never an empty answer: a draft that quotes nothing (only its framing line) is replaced
 * by the page of the scam type when there is one, else by the guide's general advice.
 */
function withContent(draft: Draft, input: ComposeInput): Draft {
  if (input.check || hasContent(draft.sections)) return draft;
  const lang = baseLang(input.q.language);
  const sections: AnswerSection[] = [];
  const { typeId, library } = input;
  if (typeId && library.pages.get(typeId)?.[guideLang(lang)]) {
    const type = typeInfo(typeId, library);
    if (type) sections.push({ kind: 'gist', lines: [{ text: typeFraming(type, lang), cites: [] }] });
    guideSection(sections, library, typeId, 'how', 'how', lang);
    guideSection(sections, library, typeId, 'todo', 'todo', lang, SUPPORTING_LINES);
    guideSection(sections, library, typeId, 'rule', 'rule', lang, 1);
  }
  if (!hasContent(sections)) {
    sections.length = 0;
    generalAdvice(sections, library, lang);
  }
  return { ...draft, sections };
}

/**
 * A general question: the guide items the retriever found (in the answer's language),
 * then quoted police advice and a case of the type if one was named.
 */
function composeGeneral(input: ComposeInput, sections: AnswerSection[]): Draft {
  const { q, hits, library, relevance, typeId } = input;
  const near = retrieved(input);
  const lang = baseLang(q.language);
  sections.length = 0;
  const gl = guideLang(lang);
  // "How do I protect myself?": how to check who is asking, the generic police advice, and
  // the rules of the commonest scams.
  if (!typeId && PREVENTION.test(`${q.normalized} ${q.question.toLowerCase()}`)) {
    generalAdvice(sections, library, lang);
    if (sections.length) return { sections, nextSteps: NEXT[lang] };
  }
  sections.push({ kind: 'gist', lines: [{ text: GENERIC_GIST[lang], cites: [] }] });
  // Guide items among the hits that answer the question; for English, the same pages' English rules.
  const guideHits = hits.filter((h) => h.passage.kind === 'guide' && relevance(h.passage.text) >= GUIDE_MIN_RELEVANCE);
  const pagesHit = [
    ...new Set(guideHits.map((h) => library.guideSources.get(h.passage.source)?.page).filter((x): x is string => !!x)),
  ];
  let lines: AnswerLine[] = [];
  if (lang === 'zh') {
    lines = guideHits
      .filter((h) => library.guideSources.get(h.passage.source)?.lang === gl)
      .slice(0, MAX_GENERAL_RULES)
      .map((h) => ({ text: h.passage.text, cites: [h.label] }));
  } else {
    lines = pagesHit.flatMap((p) => guideLines(library, p, 'rule', lang, 1)).slice(0, MAX_GENERAL_RULES);
  }
  push(sections, 'facts', HEADINGS[lang].facts, lines);
  push(sections, 'tips', HEADINGS[lang].tips, adviceFor(library, typeId, MAX_GENERAL_ADVICE));
  caseSection(sections, typeId ? caseOf(library, [typeId], relevance, near) : undefined, lang);
  {
    // The best news sentences that answer the question (what the police reports say).
    const quoted = sections.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    const news = (input.news ?? hits)
      .filter((h) => h.passage.kind !== 'guide')
      .flatMap((h) =>
        splitSentences(h.passage.text).map((t) => ({ text: t.trim(), cites: [h.label], r: relevance(t) })),
      )
      .filter((s) => s.text.length >= 6 && s.r >= FACT_MIN_RELEVANCE && !quoted.includes(s.text))
      // Stories belong to cases, publicity work is not what the police say about the question.
      .filter((s) => !PERSON.test(s.text) && !campaignOnly(s.text) && !inCase(library, s.cites[0], s.text))
      .sort((a, b) => b.r - a.r)
      .slice(0, MAX_GENERAL_NEWS)
      .map(({ text, cites }) => ({ text, cites }));
    push(sections, 'facts', EXTRA_HEADINGS[lang].reports, news);
  }
  return withContent({ sections, nextSteps: NEXT[lang] }, input);
}
