/**
 * Picks up articles copied into the seeds directory without a restart: a recursive
 * fs.watch, debounced so that a copy of many files (or an editor's several writes)
 * triggers one rebuild.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';

/**
 * Quiet time after the last change before rebuilding. Copies of a few files finish well
 * within it; an article appears live a couple of seconds after the copy.
 */
export const SEEDS_DEBOUNCE_MS = 1500;

/** Files whose change matters: articles, guide pages and the catalog. */
const RELEVANT = /\.(txt|md|json)$/iu;

/** Watches `dir`; calls `onChange` once per burst of changes. Returns a function that stops watching. */
export function watchSeeds(
  dir: string,
  onChange: (files: string[]) => void,
  opts: { debounceMs?: number; logger?: Logger } = {},
): () => void {
  const debounce = opts.debounceMs ?? SEEDS_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
      const name = file?.toString() ?? '';
      // Editors' swap and temporary files would trigger rebuilds for nothing.
      if (!RELEVANT.test(name) || /(^|\/)\.|~$/u.test(name)) return;
      changed.add(name);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...changed];
        changed = new Set();
        onChange(files);
      }, debounce);
    });
  } catch (err) {
    opts.logger?.warn(
      { err, dir },
      'cannot watch the seeds directory; new articles need a restart or an upload to the bot',
    );
    return () => {};
  }
  watcher.on('error', (err) => opts.logger?.warn({ err, dir }, 'seeds watcher stopped'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
