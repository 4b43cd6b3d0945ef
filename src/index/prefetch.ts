/**
 * Reading and hashing the files of an index generation off the main thread, started as
 * early as possible. Each file is read once, in a worker thread that hashes it as it reads:
 * the files the main thread parses come back as the very bytes that were hashed (their
 * memory is transferred, not copied), and the vector file, which hnswlib reads itself, is
 * only hashed. loadIndex (load.ts) compares the hashes with the manifest before it uses
 * anything. A CLI that knows it will load the index calls {@link prefetchIndex} before it
 * imports the rest of the program, so that hashing (~0.3 s of CPU for a 100k-passage index
 * of 250 MB) overlaps module loading and the check of the seeds.
 *
 * Only node: built-ins are imported here, so that the prefetch starts before anything heavy.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type hnswlib from 'hnswlib-node';

/** An HNSW graph as hnswlib-node loads it. */
export type Graph = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** The files of a generation besides manifest.json, all checksummed by it (re-exported by load.ts). */
export const INDEX_FILES = [
  'hnswlib.index',
  'args.json',
  'passages.jsonl',
  'bm25.bin',
  'articles.jsonl',
  'library.json',
] as const;
export type IndexFile = (typeof INDEX_FILES)[number];

/**
 * How loadIndex reads them: hnswlib reads its graph itself (so it is only hashed); the
 * others are parsed from the bytes that were hashed. What a CLI passes to {@link prefetchIndex}.
 */
export const READS: readonly FileRequest[] = INDEX_FILES.map((name) => ({ name, keep: name !== 'hnswlib.index' }));

/** A file as read and hashed by a worker. */
export interface FileRead {
  /** Bytes read (the file's size when it was read). */
  size: number;
  sha256: string;
  /** The bytes themselves, for files read with `keep`; 4-byte aligned (their own ArrayBuffer). */
  bytes?: Buffer;
}

/** A file to read: `keep` brings its bytes back, else it is only hashed. */
export interface FileRequest {
  name: string;
  keep: boolean;
}

/** Reads of a generation's files, by file name; a read rejects with the fs error (e.g. ENOENT). */
export type FileReads = ReadonlyMap<string, Promise<FileRead>>;

/**
 * Below this many bytes in all, one worker reads everything: a second worker costs ~20 ms
 * of start-up, more than it saves on a small index (the seed corpus is ~5 MB).
 */
const ONE_WORKER_BYTES = 32 << 20;
/** Read size for files that are only hashed: bounded memory, few system calls. */
const HASH_CHUNK = 1 << 20;

// CommonJS, evaluated inline: no file of its own to find next to the compiled code.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, fstatSync, closeSync } = require('node:fs');
const MAX_READ = 1 << 30; // readSync takes at most 2 GiB at once
for (const { path, name, keep } of workerData.files) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const h = createHash('sha256');
    if (keep) {
      const size = fstatSync(fd).size;
      const ab = new ArrayBuffer(size);
      const bytes = new Uint8Array(ab);
      let at = 0;
      for (let n; at < size && (n = readSync(fd, bytes, at, Math.min(size - at, MAX_READ), at)) > 0; ) at += n;
      h.update(bytes.subarray(0, at));
      parentPort.postMessage({ name, size: at, sha256: h.digest('hex'), bytes: ab }, [ab]);
    } else {
      const buf = Buffer.allocUnsafe(workerData.chunk);
      let at = 0;
      for (let n; (n = readSync(fd, buf, 0, buf.length, at)) > 0; at += n) h.update(buf.subarray(0, n));
      parentPort.postMessage({ name, size: at, sha256: h.digest('hex') });
    }
  } catch (e) {
    parentPort.postMessage({ name, error: String(e && e.message), code: e && e.code });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
`;

interface WorkerMessage {
  name: string;
  size: number;
  sha256: string;
  bytes?: ArrayBuffer;
  error?: string;
  code?: string;
}

/**
 * Starts reading and hashing the files `files` of directory `dir` in one or two worker
 * threads (by size: the largest file gets a worker of its own on a large index). The
 * workers do not keep the process alive until {@link claim} is called.
 */
function startReads(dir: string, files: readonly FileRequest[]): { reads: FileReads; claim: () => void } {
  const sized = files.map((f) => {
    let size = 0;
    try {
      size = statSync(join(dir, f.name)).size;
    } catch {
      // A missing file is reported by its read, like any other error.
    }
    return { ...f, path: join(dir, f.name), size };
  });
  const total = sized.reduce((n, f) => n + f.size, 0);
  const largest = sized.reduce((a, b) => (b.size > a.size ? b : a), sized[0]);
  const groups =
    total < ONE_WORKER_BYTES || sized.length < 2 ? [sized] : [[largest], sized.filter((f) => f !== largest)];
  const reads = new Map<string, Promise<FileRead>>();
  const settle = new Map<string, { resolve: (r: FileRead) => void; reject: (e: Error) => void }>();
  for (const f of sized) {
    const p = new Promise<FileRead>((resolve, reject) => settle.set(f.name, { resolve, reject }));
    p.catch(() => undefined); // surfaces where it is awaited
    reads.set(f.name, p);
  }
  const workers = groups.map((group) => {
    const w = new Worker(WORKER, { eval: true, execArgv: [], workerData: { files: group, chunk: HASH_CHUNK } });
    w.unref();
    const pending = new Set(group.map((f) => f.name));
    w.on('message', (m: WorkerMessage) => {
      pending.delete(m.name);
      const s = settle.get(m.name);
      if (m.error !== undefined) s?.reject(Object.assign(new Error(m.error), { code: m.code }));
      else s?.resolve({ size: m.size, sha256: m.sha256, bytes: m.bytes ? Buffer.from(m.bytes) : undefined });
    });
    const fail = (err: Error) => {
      for (const name of pending) settle.get(name)?.reject(err);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) =>
      fail(new Error(`The index reading worker stopped (exit code ${code}) before reading ${dir}.`)),
    );
    return w;
  });
  const claim = () => {
    for (const w of workers) w.ref();
  };
  return { reads, claim };
}

// At most one prefetch waits to be claimed (a CLI loads one index).
let prefetched: { dir: string; names: string; reads: FileReads; claim: () => void } | undefined;
let preloaded: { dir: string; graph: Promise<Graph | undefined> } | undefined;

/**
 * The graph of generation `dir`, read by hnswlib as soon as the worker's hash of
 * hnswlib.index (and of args.json) matched the generation's manifest: reading 114 MB at
 * 100k passages takes ~0.1 s, which thus overlaps the rest of the start instead of
 * following it. Undefined when anything does not match or fails: loadIndex then checks
 * and reads as usual, and reports what is wrong.
 */
async function preloadGraph(dir: string, reads: FileReads): Promise<Graph | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      files?: Record<string, { sha256: string; bytes: number }>;
    };
    const matches = async (name: IndexFile) => {
      const r = await reads.get(name);
      const expected = manifest.files?.[name];
      return r && expected && r.size === expected.bytes && r.sha256 === expected.sha256 ? r : undefined;
    };
    const [graph, args] = await Promise.all([matches('hnswlib.index'), matches('args.json')]);
    if (!graph || !args?.bytes) return undefined;
    const { space, numDimensions } = JSON.parse(args.bytes.toString('utf8')) as {
      space: 'cosine';
      numDimensions: number;
    };
    const { default: lib } = await import('hnswlib-node');
    const index = new lib.HierarchicalNSW(space, numDimensions);
    await index.readIndex(join(dir, 'hnswlib.index'));
    return index;
  } catch {
    return undefined;
  }
}

/**
 * The graph a prefetch of generation `dir` read (see {@link preloadGraph}), once; its
 * caller still verifies every file against the manifest before using it.
 */
export function takePreloadedGraph(dir: string): Promise<Graph | undefined> | undefined {
  const p = preloaded;
  if (p?.dir !== dir) return undefined;
  preloaded = undefined;
  return p.graph;
}

/**
 * Starts reading and hashing the live generation of `outDir` now, for a loadIndex call to
 * come. Does nothing when there is no live generation (loadIndex reports that); never
 * throws. Call it only when the index will be loaded: the reads are not cancelled.
 */
export function prefetchIndex(outDir: string, files: readonly FileRequest[] = READS): void {
  try {
    const gen = readFileSync(join(outDir, 'CURRENT'), 'utf8').trim();
    if (!gen) return;
    const dir = join(outDir, gen);
    prefetched = { dir, names: key(files), ...startReads(dir, files) };
    if (files.some((f) => f.name === 'args.json' && f.keep))
      preloaded = { dir, graph: preloadGraph(dir, prefetched.reads) };
  } catch {
    // No index yet, or an unreadable data directory: loadIndex says which.
  }
}

const key = (files: readonly FileRequest[]) => JSON.stringify(files);

/**
 * Reads of the files of generation directory `dir`: those a prefetch started when it was
 * for the same directory and files, else started now.
 */
export function readGeneration(dir: string, files: readonly FileRequest[]): FileReads {
  const p = prefetched;
  prefetched = undefined;
  const started = p && p.dir === dir && p.names === key(files) ? p : startReads(dir, files);
  started.claim();
  return started.reads;
}
