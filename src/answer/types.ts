/**
 * The shape of an answer, shared by the composer, the LLM rewriter, the CLI and the bot.
 */
import type { CheckResult, Verdict } from '../check/types.js';
import type { Intent, Language } from '../retrieval/query.js';

export type { Intent } from '../retrieval/query.js';

/** A numbered source passage quoted in an answer. */
export interface Citation {
  n: number;
  /** Seed file name. */
  source: string;
  /** Article title, in the answer's script. */
  title: string;
  /** The quoted passage, in the answer's script. */
  text: string;
  /** Retrieval score (reciprocal rank fusion). */
  score: number;
  passageId: string;
  paragraphIndex: number;
  /** 'guide' for the curated guide (seeds/guide/), 'news' for a news article. */
  kind: 'guide' | 'news';
  /** Guide citations: the section id (how, flags, todo, rule, steps, facts). */
  section?: string;
}

/** One statement of an answer and the citations that back it. */
export interface AnswerLine {
  text: string;
  cites: number[];
}

/**
 * Kinds of answer sections. gist: our framing (never cited); verdict: a message check's
 * verdict; flags: warning signs; how: how the scam works; steps: what to do first; todo:
 * what to do; rule: the one line to remember (or a direct answer); facts: figures and
 * facts; case: a real case; tips: quoted advice.
 */
export type SectionKind = 'gist' | 'verdict' | 'facts' | 'how' | 'steps' | 'todo' | 'rule' | 'tips' | 'case' | 'flags';

/** A headed group of lines. The gist has no heading. */
export interface AnswerSection {
  kind: SectionKind;
  heading?: string;
  lines: AnswerLine[];
}

/** How an answer was produced. */
export type AnswerMode = 'extractive' | 'llm' | 'declined';

/** An answer to one question. */
export interface Answer {
  question: string;
  language: Language;
  inScope: boolean;
  /** Scam type ids the question is about. */
  scamTypes: string[];
  /** What the person wanted; 'check-message' when the input was checked as a message. */
  intent: Intent;
  /** The checker's verdict when the input was treated as a message; null for a question. */
  verdict: Verdict | null;
  /** The full check result, for a message. */
  check?: CheckResult;
  sections: AnswerSection[];
  /** Fixed next-steps text (no citation), absent when declined. */
  nextSteps?: string;
  citations: Citation[];
  /** Plain-text rendering, as the bot would send it. */
  text: string;
  mode: AnswerMode;
  /** Why the LLM answer was not used, when an LLM is configured. */
  fallbackReason?: string;
  /**
   * Share (0–1, idf-weighted) of the question that the best retrieved passage covers: the
   * operator report lists answered questions with the lowest values. Absent for checks.
   */
  confidence?: number;
  /** True when the question was cut to the maximum length before answering. */
  truncated: boolean;
  ms: number;
}
