/**
 * What the record keeps of an answer or check, derived from the engine's {@link Answer}.
 * Shared by the bot and the CLI's `--record`, so both record the same fields.
 */
import type { Answer } from '../answer/types.js';
import type { InteractionInput, RecordSource } from './types.js';

/**
 * Below this best-passage coverage an answered question counts as "low confidence": the
 * engine answers from 0.08 (SCOPE_MIN_COVERAGE), and on the golden set correct answers
 * sit above 0.2 except for colloquial questions, which are the ones worth reviewing.
 */
export const LOW_CONFIDENCE = 0.2;

/** The interaction to record for `a`; `source` says how the text arrived. */
export function interactionOf(a: Answer, source: RecordSource, userId?: number | string): InteractionInput {
  const checked = a.verdict !== null;
  return {
    userId,
    // A question the engine treated as a pasted message is recorded as one (text not kept by default).
    source: checked && source === 'question' ? 'paste' : source,
    text: a.question,
    language: a.language,
    intent: a.intent,
    scamType: a.check?.scamType ?? a.scamTypes[0],
    outcome: checked
      ? 'checked'
      : !a.inScope
        ? 'declined'
        : (a.confidence ?? 1) < LOW_CONFIDENCE
          ? 'low-confidence'
          : 'answered',
    verdict: a.verdict,
    redFlags: a.check?.redFlags.map((f) => f.id),
    citations: a.citations.map((c) => c.passageId),
    mode: a.mode,
    latencyMs: a.ms,
    confidence: checked ? undefined : a.confidence,
  };
}
