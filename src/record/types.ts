/**
 * The operator record: what the bot keeps about each question or message check, and the
 * votes people give answers. Kept behind {@link Recorder} so that a shared server
 * database can replace the embedded SQLite file when several replicas run.
 */

/** Where the text came from. */
export type RecordSource = 'question' | 'paste' | 'forward' | 'photo' | 'command';

/** What happened to it. */
export type RecordOutcome = 'answered' | 'declined' | 'low-confidence' | 'checked';

/** One question or check, as the engine and the bot know it. */
export interface InteractionInput {
  /** Telegram user id (hashed before storage) or undefined for the CLI. */
  userId?: number | string;
  source: RecordSource;
  /** The user's text: masked before storage; for checked messages only kept when the operator opts in. */
  text: string;
  language: string;
  intent?: string;
  scamType?: string;
  outcome: RecordOutcome;
  verdict?: string | null;
  redFlags?: string[];
  /** Passage ids cited by the answer. */
  citations?: string[];
  mode?: string;
  latencyMs: number;
  /** Answer confidence 0–1 (best passage coverage), for "lowest-scoring questions". */
  confidence?: number;
  /** Time of the event; default now. */
  at?: Date;
}

/** Reasons a person can give for 👎. */
export const VOTE_REASONS = ['irrelevant', 'wrong', 'unclear', 'missing'] as const;
export type VoteReason = (typeof VOTE_REASONS)[number];

/** Outcome of a vote. */
export type VoteResult = 'recorded' | 'changed' | 'unchanged' | 'unknown';

/** A stored interaction, as the report reads it. */
export interface StoredInteraction {
  id: string;
  ts: number;
  userHash: string | null;
  source: RecordSource;
  language: string;
  intent: string | null;
  scamType: string | null;
  outcome: RecordOutcome;
  verdict: string | null;
  redFlags: string[];
  citations: string[];
  mode: string | null;
  latencyMs: number;
  confidence: number | null;
  text: string | null;
}

/** A stored vote. */
export interface StoredVote {
  interactionId: string;
  userHash: string;
  vote: 1 | -1;
  reason: VoteReason | null;
  ts: number;
}

/** The record's storage. Implementations never throw to callers on the answering path. */
export interface Recorder {
  /** False when recording is off or the database could not be opened. */
  readonly enabled: boolean;
  /** Records an interaction; returns its id (used by vote buttons), or undefined when disabled. */
  record(input: InteractionInput): string | undefined;
  /** Records a vote, idempotent per user and interaction. */
  vote(interactionId: string, userId: number | string, vote: 1 | -1, reason?: VoteReason): VoteResult;
  /** Deletes interactions (and their votes) older than the retention; returns rows deleted. */
  purge(now?: Date): number;
  /** Interactions and votes since `since`, for the report. */
  read(since: Date): { interactions: StoredInteraction[]; votes: StoredVote[] };
  close(): void;
}
