/**
 * What the bot is built from: its dependencies ({@link BotDeps}), the engine it answers
 * with ({@link BotEngine}) and the shape of a feature ({@link Feature}). Kept apart from
 * create-bot.ts so features import these types without importing the assembler.
 */
import type { Composer, Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AnswerOptions } from '../answer/engine.js';
import type { Answer } from '../answer/types.js';
import type { CheckInput } from '../check/types.js';
import type { IngestReport } from '../index/ingest.js';
import type { RefreshResult } from '../live/live-engine.js';
import type { Logger } from '../log.js';
import type { Recorder } from '../record/types.js';
import type { SourceLookup } from '../retrieval/sources.js';
import type { BotContext } from './context.js';

/**
 * The answering engine as the bot sees it. Production wraps the real engine
 * (src/answer/engine.ts); bot unit tests pass a fake, so a retrieval change never breaks
 * a bot test. The end-to-end tests keep the real engine.
 */
export interface BotEngine {
  /** Answers a question (the engine itself routes pasted messages to the checker). */
  answer(text: string, opts: AnswerOptions): Promise<Answer>;
  /** Forced check of a received message (/check, forwarded messages, photos). Optional: without it those go to `answer`. */
  check?(input: CheckInput, opts: AnswerOptions): Promise<Answer>;
}

/** What the bot needs. */
export interface BotDeps {
  token: string;
  engine: BotEngine;
  sources: SourceLookup;
  logger: Logger;
  /** Known bot identity: skips getMe (tests, or a faster start). */
  botInfo?: UserFromGetMe;
  /** Bot API server; default Telegram's. */
  apiRoot?: string;
  rateLimitPerMinute?: number;
  maxQuestionChars?: number;
  /** Bounds of automatic retries of failed API calls (429, 5xx, network). */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Log message texts (only with debug logging). */
  logMessageText?: boolean;
  /**
   * Installed first, so it sits closest to the network, under retries and the plain-text
   * fallback: tests use it to capture or fail outgoing calls.
   */
  apiTransformer?: Transformer;
  /** Operator record: questions, checks and votes (vote buttons appear only when it is enabled). */
  recorder?: Recorder;
  /** Admin features (article upload, /stats); absent: uploads are refused. */
  admin?: {
    adminUserIds: readonly number[];
    seedsDir: string;
    /** Rebuilds the live engine; resolves when the new index is live (or failed). */
    refresh: (reason: string) => Promise<RefreshResult<IngestReport>>;
  };
  /** Days records are kept, for /privacy. */
  retentionDays?: number;
  /** The features, in order; default {@link FEATURES} of src/bot/features/index.ts. */
  features?: readonly Feature[];
}

/** A feature: one grammY Composer built from the bot's dependencies. */
export type Feature = (deps: BotDeps) => Composer<BotContext>;
