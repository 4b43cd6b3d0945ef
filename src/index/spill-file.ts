/**
 * An {@link EntryStore} in a file: the BM25 entries of a build, written as the corpus
 * streams in and read back once, in order, when the index is finished. At 100k passages
 * they are 9 million entries (54 MB) that a build otherwise held in memory beside the
 * preparing threads and the graph (issue 11). The file lies in the generation being
 * written, so a crash leaves it where every leftover of a failed build is removed.
 *
 * Layout: blocks of [count u32][term ids u32 × count][tfs u16 × count, padded to 4 bytes].
 * Synchronous I/O: appends are a few hundred kilobytes, and the reader needs each block
 * before it can go on.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { EntryStore } from '../retrieval/bm25.js';

export class SpillEntries implements EntryStore {
  private fd: number | undefined;
  private maxBlock = 0;

  /** Creates (or truncates) the file at `path`. */
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  append(termIds: Uint32Array, tfs: Uint16Array, count: number): void {
    const fd = this.open();
    const head = new Uint32Array([count]);
    writeAll(fd, new Uint8Array(head.buffer));
    writeAll(fd, new Uint8Array(termIds.buffer, termIds.byteOffset, count * 4));
    writeAll(fd, new Uint8Array(tfs.buffer, tfs.byteOffset, count * 2));
    if (count & 1) writeAll(fd, new Uint8Array(2));
    this.maxBlock = Math.max(this.maxBlock, count);
  }

  forEachBlock(fn: (termIds: Uint32Array, tfs: Uint16Array, count: number) => void): void {
    const fd = this.open();
    const n = this.maxBlock;
    const buf = new Uint8Array(4 + n * 4 + n * 2 + 2);
    const head = new Uint32Array(buf.buffer, 0, 1);
    let pos = 0;
    for (;;) {
      if (readAll(fd, buf.subarray(0, 4), pos) === 0) return;
      const count = head[0];
      if (count > n) throw new Error(`${this.path}: a block of ${count} entries (at most ${n} were written).`);
      const bytes = count * 6 + (count & 1) * 2;
      if (readAll(fd, buf.subarray(4, 4 + bytes), pos + 4) !== bytes) throw new Error(`${this.path} is truncated.`);
      fn(new Uint32Array(buf.buffer, 4, count), new Uint16Array(buf.buffer, 4 + count * 4, count), count);
      pos += 4 + bytes;
    }
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.path, { force: true });
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`${this.path} was disposed of.`);
    return this.fd;
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let at = 0;
  while (at < data.byteLength) at += writeSync(fd, data, at, data.byteLength - at);
}

/** Reads `into.length` bytes at `pos` (fewer only at the end of the file); returns how many. */
function readAll(fd: number, into: Uint8Array, pos: number): number {
  let at = 0;
  while (at < into.length) {
    const n = readSync(fd, into, at, into.length - at, pos + at);
    if (n === 0) break;
    at += n;
  }
  return at;
}
