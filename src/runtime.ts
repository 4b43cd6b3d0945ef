/**
 * The running application behind the bot, built from configuration: the engine (live:
 * rebuilt in the background and swapped when articles change), the source lookup that
 * follows it, the operator record, and the seeds watcher. Used by src/main.ts and by the
 * end-to-end tests, so both run the same wiring.
 */
import { answer, checkAnswer, type EngineDeps, libraryOf } from './answer/engine.js';
import { setupEngine } from './answer/setup.js';
import type { BotDeps, BotEngine } from './bot/deps.js';
import { warmUpChecker } from './check/checker.js';
import { closeDefaultOcr, warmUpDefaultOcr } from './check/ocr.js';
import type { Config } from './config.js';
import type { IngestReport } from './index/ingest.js';
import { createLiveEngine, type LiveEngine, type Rebuilt } from './live/live-engine.js';
import { watchSeeds } from './live/watch-seeds.js';
import type { Logger } from './log.js';
import { openRecorder } from './record/open.js';
import type { Recorder } from './record/types.js';
import { createSourceLookup, type SourceLookup } from './retrieval/sources.js';

/** How often old records are purged while the bot runs. */
const PURGE_INTERVAL_MS = 24 * 3_600_000;

/** What {@link startRuntime} returns. */
export interface Runtime {
  live: LiveEngine<EngineDeps, IngestReport>;
  /** The first build's report. */
  report: IngestReport;
  engine: BotEngine;
  sources: SourceLookup;
  recorder: Recorder;
  admin: NonNullable<BotDeps['admin']>;
  /** Stops the watcher and timers and closes the record. */
  close(): void;
}

/** Builds the engine (and index when needed), opens the record, starts watching the seeds. */
export async function startRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const { deps, report } = await setupEngine(config);
  // The composer's view of the articles is built once per index, here rather than on the
  // first question (or the first question after a swap).
  libraryOf(deps.retriever);
  const rebuild = async (): Promise<Rebuilt<EngineDeps, IngestReport>> => {
    // A live rebuild must fail visibly (the admin is told), not fall back to the old index silently.
    const next = await setupEngine(config, { keepPreviousOnError: false });
    // An upload also wakes the watcher: a second rebuild that finds nothing new keeps the
    // engine that is live (no swap, no cold caches).
    if (next.report.upToDate) return { deps: live.current(), report: next.report };
    libraryOf(next.deps.retriever);
    return next;
  };
  const live = createLiveEngine(deps, rebuild, logger);
  let lookup = createSourceLookup(deps.retriever.index);
  live.onSwap((d) => {
    lookup = createSourceLookup(d.retriever.index);
  });

  const recorder = openRecorder(config, logger);
  const purge = () => {
    const n = recorder.purge();
    if (n) logger.info({ deleted: n, retention_days: config.record.retentionDays }, 'old records deleted');
  };
  purge();
  const timer = setInterval(purge, PURGE_INTERVAL_MS).unref();

  const stopWatching = config.watchSeeds
    ? watchSeeds(
        config.seedsDir,
        (files) => void live.refresh(`files changed in SEEDS_DIR: ${files.slice(0, 5).join(', ')}`),
        { logger },
      )
    : () => {};

  // Compile the checker's patterns and load its model now, not on the first user's message.
  warmUpChecker();
  // Screenshots are read by a worker pool that takes ~1 s to start: start it now, in the
  // background, so the first photo is answered as fast as the next ones.
  warmUpDefaultOcr().catch((err: unknown) =>
    logger.warn({ err }, 'OCR warm-up failed; photos will start it on demand'),
  );

  return {
    live,
    report,
    engine: {
      answer: (q, opts) => answer(q, live.current(), opts),
      check: (input, opts) => checkAnswer(input, live.current(), opts),
    },
    sources: { view: (id) => lookup.view(id) } as SourceLookup,
    recorder,
    admin: { adminUserIds: config.adminUserIds, seedsDir: config.seedsDir, refresh: (reason) => live.refresh(reason) },
    close() {
      stopWatching();
      clearInterval(timer);
      recorder.close();
      void closeDefaultOcr();
    },
  };
}
