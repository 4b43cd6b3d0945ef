/**
 * Scam typing: which kind of fraud a text is, from the taxonomy's typing data
 * (src/knowledge/scam-types.ts) and the red flags already found. Shared by the message
 * checker and, for questions, by the answering engine's query analysis.
 */
import { SCAM_TYPES } from '../knowledge/scam-types.js';

/** Points for one `strong` match: alone enough to type a text. */
export const STRONG_POINTS = 3;
/** Points for each `weak` group and each supporting red flag. */
export const WEAK_POINTS = 1;
/**
 * Least score to type a text: two independent pieces of evidence. One generic word
 * (老师, 课程, police) is never enough; 老师 + 课程 would be, which is why socialite
 * training has no weak groups and needs a strong word (名媛, 公益金).
 */
export const MIN_TYPE_SCORE = 2;

/** One candidate type with its score. */
export interface TypeScore {
  id: string;
  score: number;
}

/**
 * Scores every scam type for a normalised text (Simplified, half-width, lower case — as
 * produced by src/check/normalize.ts or normalizeForSearch) and the ids of the red flags
 * found in it. Best first; only types reaching `min` (default {@link MIN_TYPE_SCORE}; the
 * checker asks for every candidate to weigh them with its model).
 */
export function scoreScamTypes(
  normalisedText: string,
  redFlagIds: readonly string[] = [],
  min = MIN_TYPE_SCORE,
): TypeScore[] {
  const flags = new Set(redFlagIds);
  const out: TypeScore[] = [];
  for (const t of SCAM_TYPES) {
    const sig = t.typing;
    let score = 0;
    for (const re of sig.strong) if (re.test(normalisedText)) score += STRONG_POINTS;
    for (const re of sig.weak) if (re.test(normalisedText)) score += WEAK_POINTS;
    for (const f of sig.flags) if (flags.has(f)) score += WEAK_POINTS;
    if (score >= min && score > 0) out.push({ id: t.id, score });
  }
  // Stable sort: on a tie the taxonomy's order decides.
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The scam type of a normalised text, or undefined when the evidence is too thin.
 * `redFlagIds` are ids from src/knowledge/red-flags.ts (pass [] for a question).
 */
export function classifyScamType(normalisedText: string, redFlagIds: readonly string[] = []): string | undefined {
  return scoreScamTypes(normalisedText, redFlagIds)[0]?.id;
}
