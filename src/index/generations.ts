/**
 * Generations in the data directory, the atomic switch between them, housekeeping, and the
 * lock that keeps two builds out of one directory.
 *
 *   <data>/CURRENT            name of the live generation (replaced atomically)
 *   <data>/gen-<time>-<rand>/ one complete, immutable index
 *   <data>/tmp-gen-…/         a generation being written (or left by a crashed build)
 *   <data>/CURRENT.tmp-<pid>  a pointer being written
 *   <data>/ingest.lock/       the build lock (proper-lockfile), <data>/ingest.pid its owner
 *
 * A build writes a new generation beside the live one, fsyncs it, then renames a new
 * CURRENT over the old one. Rename is atomic on POSIX file systems, so a crash or kill at
 * any moment leaves either the old or the new generation live, never a half-written one.
 * (Renaming a directory over a non-empty directory is not possible, hence the pointer.)
 */
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export const CURRENT = 'CURRENT';
const LOCK_DIR = 'ingest.lock';
const LOCK_OWNER = 'ingest.pid';
/**
 * A lock whose owner stopped refreshing it for this long is stale (proper-lockfile
 * refreshes it every half of this). Long enough that a busy event loop during a large
 * build does not lose it; a killed owner on this host is detected at once by its pid.
 */
const LOCK_STALE_MS = 20_000;
/** Default bound on waiting for another build: the CLI then says who holds the lock. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 200;

/** The data directory cannot hold an index as it is; the message says what to do. */
export class DataDirError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataDirError';
  }
}

/** Another process holds the build lock of the data directory. */
export class IngestLockedError extends Error {
  constructor(
    readonly pid: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IngestLockedError';
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException)?.code;
}

/**
 * Checks that `outDir` is usable as a data directory (absent, or a directory whose CURRENT,
 * if any, is a file). Throws {@link DataDirError} naming the problem and the fix.
 */
export async function checkDataDir(outDir: string): Promise<void> {
  try {
    if (!(await stat(outDir)).isDirectory()) {
      throw new DataDirError(
        `Data directory ${outDir} is a file, not a directory: move the file away or set DATA_DIR (or --out) to a directory.`,
      );
    }
  } catch (err) {
    if (err instanceof DataDirError) throw err;
    if (code(err) === 'ENOENT') return;
    if (code(err) === 'ENOTDIR')
      throw new DataDirError(
        `Data directory ${outDir} lies under a file, not a directory: set DATA_DIR (or --out) to a directory.`,
        { cause: err },
      );
    throw new DataDirError(
      `Data directory ${outDir} cannot be read (${code(err) ?? (err as Error).message}): check its permissions.`,
      { cause: err },
    );
  }
  try {
    if ((await stat(join(outDir, CURRENT))).isDirectory()) {
      throw new DataDirError(
        `${join(outDir, CURRENT)} is a directory, but it must be a file naming the live index generation: remove it (rm -r ${join(outDir, CURRENT)}) and run \`npm run ingest\`.`,
      );
    }
  } catch (err) {
    if (err instanceof DataDirError) throw err;
    if (code(err) !== 'ENOENT')
      throw new DataDirError(
        `${join(outDir, CURRENT)} cannot be read (${code(err)}): check the permissions of ${outDir}.`,
        { cause: err },
      );
  }
}

/** Name of the live generation, or undefined when there is none. */
export async function readCurrent(outDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(join(outDir, CURRENT), 'utf8')).trim();
    return name || undefined;
  } catch (err) {
    if (code(err) === 'ENOENT') return undefined;
    await checkDataDir(outDir);
    return undefined;
  }
}

/** fsyncs a file or directory. */
export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Milliseconds since the epoch encoded in a generation name, or NaN. */
function genTime(name: string): number {
  return Number(/^gen-(\d+)-/.exec(name)?.[1] ?? Number.NaN);
}

/** A fresh generation name; later names sort after earlier ones by their time. */
export function newGenerationName(suffix: string): string {
  return `gen-${Date.now()}-${suffix}`;
}

/**
 * Removes what crashed builds left: temporary generations, temporary pointers, and
 * generations that never became live (newer than the live one), keeping the live one and
 * the newest one before it (a running bot may still read it). Call only under the lock:
 * then no build is running, so nothing removed here is in use by a writer.
 */
export async function removeLeftovers(outDir: string): Promise<string[]> {
  const live = await readCurrent(outDir);
  const names = await readdir(outDir);
  const gens = names.filter((n) => n.startsWith('gen-'));
  const liveTime = live ? genTime(live) : Number.POSITIVE_INFINITY;
  const previous = gens.filter((n) => n !== live && genTime(n) <= liveTime).sort((a, b) => genTime(b) - genTime(a))[0];
  const removed: string[] = [];
  for (const name of names) {
    const garbage =
      name.startsWith('tmp-') ||
      name.startsWith(`${CURRENT}.tmp-`) ||
      (name.startsWith('gen-') && name !== live && name !== previous);
    if (!garbage) continue;
    await rm(join(outDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Makes generation `gen` (already renamed into place and fsynced) live: writes a new
 * pointer beside CURRENT and renames it over CURRENT.
 */
export async function switchCurrent(outDir: string, gen: string): Promise<void> {
  const pointerTmp = join(outDir, `${CURRENT}.tmp-${process.pid}`);
  await writeFile(pointerTmp, `${gen}\n`);
  await fsyncPath(pointerTmp);
  await rename(pointerTmp, join(outDir, CURRENT));
  await fsyncPath(outDir);
}

/** Keeps the live generation and `previous` (a running bot may still read it). */
export async function pruneGenerations(outDir: string, live: string, previous?: string): Promise<void> {
  const keep = new Set([live, previous]);
  for (const name of await readdir(outDir)) {
    if (name.startsWith('gen-') && !keep.has(name)) await rm(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

async function readOwner(outDir: string): Promise<number | undefined> {
  const pid = Number.parseInt(await readFile(join(outDir, LOCK_OWNER), 'utf8').catch(() => ''), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** A held build lock. */
export interface DataDirLock {
  /** True when the lock was lost (e.g. its file removed by hand): do not make a build live. */
  compromised(): boolean;
  release(): Promise<void>;
}

/** Options of {@link lockDataDir}. */
export interface LockOptions {
  /** How long to wait for another build to finish; default {@link DEFAULT_LOCK_WAIT_MS}. */
  waitMs?: number;
}

/**
 * Takes the build lock of `outDir` (creating the directory), waiting up to `waitMs` for
 * another build. A lock left by a killed process is taken over at once when its pid is no
 * longer alive on this host, else when it goes stale. Throws {@link IngestLockedError}
 * naming the owner's pid when the wait runs out.
 */
export async function lockDataDir(outDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  await checkDataDir(outDir);
  await mkdir(outDir, { recursive: true });
  const waitMs = opts.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = performance.now() + waitMs;
  let lost = false;
  for (;;) {
    try {
      const release = await lockfile.lock(outDir, {
        lockfilePath: join(outDir, LOCK_DIR),
        stale: LOCK_STALE_MS,
        realpath: false,
        onCompromised: () => {
          lost = true;
        },
      });
      await writeFile(join(outDir, LOCK_OWNER), `${process.pid}\n`);
      return {
        compromised: () => lost,
        release: async () => {
          await rm(join(outDir, LOCK_OWNER), { force: true });
          await release().catch(() => undefined); // already released or taken over
        },
      };
    } catch (err) {
      if (code(err) !== 'ELOCKED')
        throw new DataDirError(
          `Cannot lock data directory ${outDir} (${code(err) ?? (err as Error).message}): check its permissions.`,
          { cause: err },
        );
      const pid = await readOwner(outDir);
      if (pid !== undefined && pid !== process.pid && !alive(pid)) {
        // The owner was killed: its lock is stale whatever its age.
        await rm(join(outDir, LOCK_OWNER), { force: true });
        await rmdir(join(outDir, LOCK_DIR)).catch(() => undefined);
        continue;
      }
      if (performance.now() >= deadline) {
        throw new IngestLockedError(
          pid,
          `Another ingest is running (pid ${pid ?? 'unknown'}) in ${outDir}: wait for it to finish, or stop it, then run again.`,
          { cause: err },
        );
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}
