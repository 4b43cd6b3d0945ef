/**
 * A file of a generation written in pieces, its sha256 and size taken from the bytes as
 * they are written: the manifest gets its checksum without reading the file back (at 100k
 * passages the files hold 140 MB besides the graph).
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';

/**
 * Text is gathered up to this many UTF-16 units, and bytes up to this many bytes, before
 * they are written: each write of a FileHandle is a trip through libuv's thread pool
 * (~0.1 ms of CPU), and a build writes each article's lines separately (7,600 small writes
 * at 100k passages were half a second of the main thread).
 */
const BUFFER = 1 << 20;

/** Checksum and size of a written file, as the manifest records them. */
export interface FileSum {
  sha256: string;
  bytes: number;
}

/** A file being written, hashed as it goes. */
export class CheckedFile {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private text = '';
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  private constructor(
    readonly path: string,
    private fh: FileHandle | undefined,
  ) {}

  /** Creates (or truncates) the file at `path`. */
  static async create(path: string): Promise<CheckedFile> {
    return new CheckedFile(path, await open(path, 'w'));
  }

  /**
   * Appends text (UTF-8) or bytes. Bytes may be kept until a later write or {@link close}:
   * the caller must not change them afterwards.
   */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.fh) throw new Error(`${this.path} is closed.`);
    if (typeof data === 'string') {
      this.text += data;
      if (this.text.length >= BUFFER) await this.flush();
      return;
    }
    this.textToPending();
    this.pending.push(data);
    this.pendingBytes += data.byteLength;
    if (this.pendingBytes >= BUFFER) await this.flush();
  }

  /** Writes what is buffered, closes the file and returns its checksum and size. */
  async close(): Promise<FileSum> {
    await this.flush();
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Closes the file without finishing it (after a failure; the generation is removed). */
  async abandon(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.text = '';
    await fh?.close().catch(() => undefined);
  }

  private textToPending(): void {
    if (!this.text) return;
    const buf = Buffer.from(this.text, 'utf8');
    this.text = '';
    this.pending.push(buf);
    this.pendingBytes += buf.length;
  }

  private async flush(): Promise<void> {
    this.textToPending();
    if (this.pending.length === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.fh) throw new Error(`${this.path} is closed.`);
    this.hash.update(data);
    this.bytes += data.byteLength;
    let at = 0;
    while (at < data.byteLength) at += (await this.fh.write(data, at, data.byteLength - at)).bytesWritten;
  }
}
