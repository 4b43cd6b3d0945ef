/**
 * The embedded record: one SQLite file (better-sqlite3, WAL) in the data directory.
 * Recording must never stop the bot from answering: a corrupt, locked or unwritable
 * database disables recording (logged once) and every call becomes a no-op.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { maskText } from './mask.js';
import type { InteractionInput, Recorder, StoredInteraction, StoredVote, VoteReason, VoteResult } from './types.js';
import { userHasher } from './user-hash.js';

/** Schema version, stored in `PRAGMA user_version`; bump with a migration below. */
const SCHEMA_VERSION = 1;
/** How long a writer waits for a lock held by another process before recording is skipped. */
const BUSY_TIMEOUT_MS = 2000;
const DAY_MS = 86_400_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS interactions (
  id TEXT PRIMARY KEY,
  ts INTEGER NOT NULL,
  user_hash TEXT,
  source TEXT NOT NULL,
  language TEXT NOT NULL,
  intent TEXT,
  scam_type TEXT,
  outcome TEXT NOT NULL,
  verdict TEXT,
  red_flags TEXT NOT NULL DEFAULT '',
  citations TEXT NOT NULL DEFAULT '',
  mode TEXT,
  latency_ms REAL NOT NULL,
  confidence REAL,
  text TEXT
);
CREATE INDEX IF NOT EXISTS interactions_ts ON interactions(ts);
CREATE TABLE IF NOT EXISTS votes (
  interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  user_hash TEXT NOT NULL,
  vote INTEGER NOT NULL,
  reason TEXT,
  ts INTEGER NOT NULL,
  PRIMARY KEY (interaction_id, user_hash)
);
`;

/** Options of {@link openSqliteRecorder}. */
export interface SqliteRecorderOptions {
  /** Database file (e.g. DATA_DIR/record.db). */
  file: string;
  /** Key of the user-id hash. */
  hashKey: string;
  /** Rows older than this are deleted by {@link Recorder.purge}; default 90. */
  retentionDays?: number;
  /** Keep the text of checked (pasted, forwarded, photographed) messages; default false. */
  storeCheckedMessages?: boolean;
  logger?: Logger;
}

/** A recorder that records nothing (recording off, or the database unusable). */
export const disabledRecorder: Recorder = {
  enabled: false,
  record: () => undefined,
  vote: () => 'unknown',
  purge: () => 0,
  read: () => ({ interactions: [], votes: [] }),
  close: () => {},
};

function split(list: string): string[] {
  return list ? list.split(',') : [];
}

/** Opens (creating when missing) the SQLite record; on any error returns {@link disabledRecorder}. */
export function openSqliteRecorder(opts: SqliteRecorderOptions): Recorder {
  const log = opts.logger;
  let db: Database.Database;
  try {
    db = new Database(opts.file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; a power cut may lose the
    // last records, which is acceptable for statistics.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Deleted rows (retention) are overwritten, not left readable in free pages.
    db.pragma('secure_delete = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new Error(`record schema ${version} is newer than this program's (${SCHEMA_VERSION}); upgrade the bot`);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    // Detects a damaged file now rather than on the first insert.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
  } catch (err) {
    log?.error(
      { err, file: opts.file },
      'recording disabled: the record database cannot be opened (move the file away to start a new one)',
    );
    return disabledRecorder;
  }

  const hash = userHasher(opts.hashKey);
  const retentionDays = opts.retentionDays ?? 90;
  const insert = db.prepare(
    `INSERT INTO interactions (id, ts, user_hash, source, language, intent, scam_type, outcome, verdict, red_flags, citations, mode, latency_ms, confidence, text)
     VALUES (@id, @ts, @userHash, @source, @language, @intent, @scamType, @outcome, @verdict, @redFlags, @citations, @mode, @latencyMs, @confidence, @text)`,
  );
  const getVote = db.prepare('SELECT vote, reason FROM votes WHERE interaction_id = ? AND user_hash = ?');
  const hasInteraction = db.prepare('SELECT 1 FROM interactions WHERE id = ?');
  const upsertVote = db.prepare(
    `INSERT INTO votes (interaction_id, user_hash, vote, reason, ts) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(interaction_id, user_hash) DO UPDATE SET vote = excluded.vote, reason = excluded.reason, ts = excluded.ts`,
  );
  let failed = false;
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    if (failed) return fallback;
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      // A busy database (another writer) loses one record; anything else disables recording.
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        log?.warn({ err: { code }, what }, 'record skipped: database busy');
      } else {
        failed = true;
        log?.error({ err, what }, 'recording disabled after a database error');
      }
      return fallback;
    }
  };

  return {
    get enabled() {
      return !failed;
    },
    record(input: InteractionInput) {
      return guard('record', undefined, () => {
        const id = randomBytes(6).toString('hex');
        // Any checked message (pasted, forwarded, photographed, or given to /check) is the
        // sender's text, not the user's question: kept only when the operator opts in.
        const checked = input.outcome === 'checked' || (input.source !== 'question' && input.source !== 'command');
        const text = checked && !opts.storeCheckedMessages ? null : maskText(input.text);
        insert.run({
          id,
          ts: (input.at ?? new Date()).getTime(),
          userHash: input.userId === undefined ? null : hash(input.userId),
          source: input.source,
          language: input.language,
          intent: input.intent ?? null,
          scamType: input.scamType ?? null,
          outcome: input.outcome,
          verdict: input.verdict ?? null,
          redFlags: (input.redFlags ?? []).join(','),
          citations: (input.citations ?? []).join(','),
          mode: input.mode ?? null,
          latencyMs: input.latencyMs,
          confidence: input.confidence ?? null,
          text,
        });
        return id;
      });
    },
    vote(interactionId: string, userId: number | string, vote: 1 | -1, reason?: VoteReason): VoteResult {
      return guard('vote', 'unknown' as VoteResult, () => {
        if (!hasInteraction.get(interactionId)) return 'unknown';
        const user = hash(userId);
        const before = getVote.get(interactionId, user) as { vote: number; reason: string | null } | undefined;
        if (before && before.vote === vote && before.reason === (reason ?? null)) return 'unchanged';
        upsertVote.run(interactionId, user, vote, reason ?? null, Date.now());
        return before ? 'changed' : 'recorded';
      });
    },
    purge(now = new Date()) {
      return guard('purge', 0, () => {
        const n = db
          .prepare('DELETE FROM interactions WHERE ts < ?')
          .run(now.getTime() - retentionDays * DAY_MS).changes;
        // The write-ahead log still holds the deleted rows' pages until it is checkpointed.
        if (n > 0) db.pragma('wal_checkpoint(TRUNCATE)');
        return n;
      });
    },
    read(since: Date) {
      return guard('read', { interactions: [], votes: [] }, () => {
        const rows = db.prepare('SELECT * FROM interactions WHERE ts >= ? ORDER BY ts').all(since.getTime()) as Record<
          string,
          unknown
        >[];
        const interactions: StoredInteraction[] = rows.map((r) => ({
          id: r.id as string,
          ts: r.ts as number,
          userHash: r.user_hash as string | null,
          source: r.source as StoredInteraction['source'],
          language: r.language as string,
          intent: r.intent as string | null,
          scamType: r.scam_type as string | null,
          outcome: r.outcome as StoredInteraction['outcome'],
          verdict: r.verdict as string | null,
          redFlags: split(r.red_flags as string),
          citations: split(r.citations as string),
          mode: r.mode as string | null,
          latencyMs: r.latency_ms as number,
          confidence: r.confidence as number | null,
          text: r.text as string | null,
        }));
        const votes = (
          db
            .prepare('SELECT v.* FROM votes v JOIN interactions i ON i.id = v.interaction_id WHERE i.ts >= ?')
            .all(since.getTime()) as Record<string, unknown>[]
        ).map(
          (v): StoredVote => ({
            interactionId: v.interaction_id as string,
            userHash: v.user_hash as string,
            vote: v.vote as 1 | -1,
            reason: v.reason as VoteReason | null,
            ts: v.ts as number,
          }),
        );
        return { interactions, votes };
      });
    },
    close() {
      try {
        db.close();
      } catch {
        // Already closed.
      }
    },
  };
}
