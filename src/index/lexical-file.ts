/**
 * The BM25 index on disk (`bm25.bin`): written at ingest, read at start with no
 * tokenisation, one read and a few typed-array views. Little-endian layout:
 *
 *   header  8 × u32: magic "FZB1", version, documents, terms, postings, term-bytes, 0, 0
 *   lengths u32 × documents         token count of each passage
 *   offsets u32 × (terms + 1)       term i's postings are [offsets[i], offsets[i+1])
 *   docs    u32 × postings          passage labels, ascending within a term
 *   tfs     u16 × postings (+ 2 bytes padding when postings is odd)
 *   terms   UTF-8, terms separated by NUL (tokens never contain NUL)
 *
 * Integrity is the manifest's job (sha256 of the file); the reader still checks sizes
 * and array consistency, so a damaged file is an error, never a wrong answer.
 */
import { Bm25Index, type Bm25Parts } from '../retrieval/bm25.js';
import type { CheckedFile } from './checked-file.js';

const MAGIC = 0x3142_5a46; // "FZB1" read as a little-endian u32
const VERSION = 1;
const HEADER_WORDS = 8;

/** The file layout above as consecutive pieces (views of the arrays, no copy of them). */
function pieces(parts: Bm25Parts): Uint8Array[] {
  const { terms, offsets, docs, tfs, lengths } = parts;
  for (const t of terms)
    if (t.includes('\0')) throw new Error(`BM25 term ${JSON.stringify(t)} contains NUL; cannot be stored.`);
  const termBytes = Buffer.from(terms.join('\0'), 'utf8');
  const header = new Uint32Array([MAGIC, VERSION, lengths.length, terms.length, docs.length, termBytes.length, 0, 0]);
  const view = (a: Uint32Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return [
    view(header),
    view(lengths),
    view(offsets),
    view(docs),
    view(tfs),
    new Uint8Array((tfs.length & 1) * 2), // keeps the terms' bytes after 4-byte aligned arrays
    termBytes,
  ];
}

/** Encodes an index into the file layout above. */
export function encodeBm25(index: Bm25Index): Buffer {
  return Buffer.concat(pieces(index.parts));
}

/** Writes index arrays to a file piece by piece, without one buffer of the whole file. */
export async function writeBm25Parts(file: CheckedFile, parts: Bm25Parts): Promise<void> {
  for (const p of pieces(parts)) await file.write(p);
}

/**
 * Decodes {@link encodeBm25}'s layout; throws on any inconsistency. The index's arrays are
 * views of `buf` when it is 4-byte aligned (no copy): `buf` must not change afterwards.
 */
export function decodeBm25(buf: Buffer): Bm25Index {
  if (buf.length < HEADER_WORDS * 4) throw new Error(`BM25 file too short (${buf.length} bytes).`);
  // Typed-array views need 4-byte alignment: a buffer of its own (as loadIndex reads it)
  // is used in place; one inside Node's shared pool is copied once (55 MB at 100k passages).
  let bytes: Uint8Array = buf;
  if (buf.byteOffset % 4 !== 0) {
    bytes = new Uint8Array(buf.length);
    bytes.set(buf);
  }
  const base = bytes.byteOffset;
  const header = new Uint32Array(bytes.buffer, base, HEADER_WORDS);
  const [magic, version, docCount, termCount, postingCount, termByteCount] = header;
  if (magic !== MAGIC || version !== VERSION)
    throw new Error(`Not a BM25 file of version ${VERSION} (magic ${magic.toString(16)}, version ${version}).`);
  const tfBytes = postingCount * 2 + (postingCount & 1) * 2;
  const expected = HEADER_WORDS * 4 + docCount * 4 + (termCount + 1) * 4 + postingCount * 4 + tfBytes + termByteCount;
  if (expected !== buf.length) throw new Error(`BM25 file is ${buf.length} bytes, its header says ${expected}.`);
  let at = base + HEADER_WORDS * 4;
  const take32 = (n: number) => {
    const a = new Uint32Array(bytes.buffer, at, n);
    at += n * 4;
    return a;
  };
  const lengths = take32(docCount);
  const offsets = take32(termCount + 1);
  const docs = take32(postingCount);
  const tfs = new Uint16Array(bytes.buffer, at, postingCount);
  at += tfBytes;
  const text = Buffer.from(bytes.buffer, at, termByteCount).toString('utf8');
  const terms = termCount === 0 ? [] : text.split('\0');
  if (terms.length !== termCount)
    throw new Error(`BM25 file holds ${terms.length} terms, its header says ${termCount}.`);
  return Bm25Index.fromParts({ terms, offsets, docs, tfs, lengths });
}
