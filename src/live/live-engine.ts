/**
 * The engine the bot answers from, replaceable while it runs: a new article (uploaded by
 * an admin or copied into the seeds directory) triggers an incremental rebuild in the
 * background; the bot keeps answering from the current engine until the new one is ready,
 * then the reference is swapped in one assignment. A failed rebuild leaves the current
 * engine untouched and reports why.
 */
import type { Logger } from 'pino';

/** What a rebuild produces: the engine's dependencies and a summary for the operator. */
export interface Rebuilt<D, R> {
  deps: D;
  report: R;
}

/** Outcome of {@link LiveEngine.refresh}. */
export type RefreshResult<R> = { ok: true; report: R; ms: number } | { ok: false; error: Error; ms: number };

/** A swappable engine. */
export interface LiveEngine<D, R> {
  /** The engine to answer the current update with. */
  current(): D;
  /**
   * Rebuilds and swaps. Calls made while a rebuild runs are coalesced into one more
   * rebuild after it, so a burst of file events costs at most two rebuilds.
   */
  refresh(reason: string): Promise<RefreshResult<R>>;
  /** Called after each successful swap (e.g. to rebuild the source lookup). */
  onSwap(listener: (deps: D, report: R) => void): void;
}

/** Creates a live engine starting from `initial`; `rebuild` builds a fresh one. */
export function createLiveEngine<D, R>(
  initial: D,
  rebuild: () => Promise<Rebuilt<D, R>>,
  logger?: Logger,
): LiveEngine<D, R> {
  let deps = initial;
  let running: Promise<RefreshResult<R>> | undefined;
  let queued: Promise<RefreshResult<R>> | undefined;
  const listeners: ((d: D, r: R) => void)[] = [];

  const run = async (reason: string): Promise<RefreshResult<R>> => {
    const t0 = performance.now();
    logger?.info({ reason }, 'rebuilding the index');
    try {
      const next = await rebuild();
      deps = next.deps;
      for (const l of listeners) l(next.deps, next.report);
      const ms = performance.now() - t0;
      logger?.info({ reason, ms: Math.round(ms) }, 'new index live');
      return { ok: true, report: next.report, ms };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      logger?.error({ err: error, reason }, 'rebuild failed; still answering from the previous index');
      return { ok: false, error, ms: performance.now() - t0 };
    }
  };

  return {
    current: () => deps,
    onSwap: (l) => void listeners.push(l),
    refresh(reason) {
      if (!running) {
        running = run(reason).finally(() => {
          running = undefined;
        });
        return running;
      }
      // One rebuild is running: the changes it may have missed get exactly one more.
      queued ??= running.then(() => {
        queued = undefined;
        return this.refresh(reason);
      });
      return queued;
    },
  };
}
