/**
 * A file of a generation written in pieces, its sha256 and size taken from the bytes as
 * they are written: the manifest gets its checksum without reading the file back (at 100k
 * passages the files hold 140 MB besides the graph).
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';

/** Text is gathered up to this many UTF-16 units before it is encoded and written. */
const TEXT_BUFFER = 1 << 20;

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

  private constructor(
    readonly path: string,
    private fh: FileHandle | undefined,
  ) {}

  /** Creates (or truncates) the file at `path`. */
  static async create(path: string): Promise<CheckedFile> {
    return new CheckedFile(path, await open(path, 'w'));
  }

  /** Appends text (UTF-8) or bytes. */
  async write(data: string | Uint8Array): Promise<void> {
    if (typeof data === 'string') {
      this.text += data;
      if (this.text.length >= TEXT_BUFFER) await this.flushText();
      return;
    }
    await this.flushText();
    await this.put(data);
  }

  /** Writes what is buffered, closes the file and returns its checksum and size. */
  async close(): Promise<FileSum> {
    await this.flushText();
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Closes the file without finishing it (after a failure; the generation is removed). */
  async abandon(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close().catch(() => undefined);
  }

  private async flushText(): Promise<void> {
    if (!this.text) return;
    const buf = Buffer.from(this.text, 'utf8');
    this.text = '';
    await this.put(buf);
  }

  private async put(data: Uint8Array): Promise<void> {
    if (!this.fh) throw new Error(`${this.path} is closed.`);
    this.hash.update(data);
    this.bytes += data.byteLength;
    let at = 0;
    while (at < data.byteLength) at += (await this.fh.write(data, at, data.byteLength - at)).bytesWritten;
  }
}
