/**
 * The shape of an answer, shared by the composer, the LLM rewriter, the CLI and the bot.
 */
import type { Language } from '../retrieval/query.js';

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
}

/** One statement of an answer and the citations that back it. */
export interface AnswerLine {
  text: string;
  cites: number[];
}

/** Kinds of answer sections, in display order. */
export type SectionKind = 'gist' | 'facts' | 'how' | 'tips' | 'case' | 'flags';

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
  sections: AnswerSection[];
  /** Fixed next-steps text (no citation), absent when declined. */
  nextSteps?: string;
  citations: Citation[];
  /** Plain-text rendering, as the bot would send it. */
  text: string;
  mode: AnswerMode;
  /** Why the LLM answer was not used, when an LLM is configured. */
  fallbackReason?: string;
  /** True when the question was cut to the maximum length before answering. */
  truncated: boolean;
  ms: number;
}
