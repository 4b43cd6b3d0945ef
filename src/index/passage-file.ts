/**
 * The passages of an index on disk (`passages.jsonl`, one JSON array per line, line i =
 * hnswlib label i) and the LangChain docstore that serves them to HNSWLib.
 *
 * Why not LangChain's docstore.json: it is one JSON document of every passage, parsed
 * whole at start and serialised whole at save, and HNSWLib.save/load reach into the
 * in-memory docstore's private map. A line per passage is written as it is produced,
 * read with one split, and is easy to inspect and diff; its integrity is checked by the
 * manifest like every other file.
 */

import type { Passage } from '../corpus/split.js';

/** Metadata of the Documents the docstore returns. */
export interface PassageMetadata extends Omit<Passage, 'text'> {
  /** hnswlib label (position in the index). */
  label: number;
  /** sha256 prefix of the text: the key of the embedding reuse. */
  textHash: string;
}

type Line = [
  id: string,
  source: string,
  title: string,
  paragraphIndex: number,
  start: number,
  end: number,
  textHash: string,
  text: string,
  section: string | null,
  kind: string | null,
];

/** Encodes one passage as a line (without the newline). */
export function encodePassage(p: Passage, textHash: string): string {
  const line: Line = [
    p.id,
    p.source,
    p.title,
    p.paragraphIndex,
    p.start,
    p.end,
    textHash,
    p.text,
    p.section ?? null,
    p.kind ?? null,
  ];
  return JSON.stringify(line);
}

/** Parses the text of a passages file (`path` only names it in errors). */
export function parsePassages(text: string, path: string): { passages: Passage[]; hashes: string[] } {
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error(`${path} does not end with a newline (truncated?).`);
  const passages: Passage[] = new Array(lines.length);
  const hashes: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) [passages[i], hashes[i]] = parseLine(lines[i], i, path);
  return { passages, hashes };
}

/** One line of a passages file as a passage and its text hash; throws naming the line. */
function parseLine(text: string, i: number, path: string): [Passage, string] {
  let l: Line;
  try {
    l = JSON.parse(text) as Line;
  } catch (err) {
    throw new Error(`${path}: line ${i + 1} is not valid JSON.`, { cause: err });
  }
  if (!Array.isArray(l) || l.length !== 10 || typeof l[7] !== 'string')
    throw new Error(`${path}: line ${i + 1} is not a passage.`);
  const p: Passage = {
    id: l[0],
    source: l[1],
    title: l[2],
    paragraphIndex: l[3],
    start: l[4],
    end: l[5],
    text: l[7],
  };
  if (l[8] !== null) p.section = l[8];
  if (l[9] !== null) p.kind = l[9] as Passage['kind'];
  return [p, l[6]];
}

/** Passages by label, however they are held (all parsed, or parsed line by line on use). */
export interface PassageSource {
  readonly length: number;
  /** The passage with this label; undefined past the end. */
  passage(label: number): Passage | undefined;
  /** Its text hash (the key of vector reuse). */
  hash(label: number): string;
}

/** A {@link PassageSource} over passages already in memory. */
export function passageArray(passages: readonly Passage[], hashes: readonly string[]): PassageSource {
  return { length: passages.length, passage: (label) => passages[label], hash: (label) => hashes[label] };
}

/**
 * The passages of a verified passages file, each line parsed on first use. At start only
 * the line boundaries are found (one byte scan for newlines): decoding and parsing every
 * line of a 100k-passage file took about 0.4 s of a 3 s cold start, while an answer
 * reads a few dozen passages. The whole file is parsed only when all passages are asked
 * for ({@link LazyPassages.all}, e.g. to reuse them in the next build).
 */
export class LazyPassages implements PassageSource {
  readonly length: number;
  private readonly starts: Float64Array;
  private readonly parsed: ([Passage, string] | undefined)[];

  /** Throws when the file does not end with a newline (a truncated write). */
  constructor(
    private readonly buf: Buffer,
    private readonly path: string,
  ) {
    let count = 0;
    for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) count++;
    if (buf.length > 0 && buf[buf.length - 1] !== 10)
      throw new Error(`${path} does not end with a newline (truncated?).`);
    // Line i is [starts[i], starts[i + 1] - 1); Float64 because offsets may pass 4 GiB.
    const starts = new Float64Array(count + 1);
    let line = 0;
    for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) starts[++line] = at + 1;
    this.starts = starts;
    this.length = count;
    this.parsed = new Array(count);
  }

  private line(label: number): [Passage, string] | undefined {
    if (!Number.isInteger(label) || label < 0 || label >= this.length) return undefined;
    let p = this.parsed[label];
    if (!p) {
      const text = this.buf.toString('utf8', this.starts[label], this.starts[label + 1] - 1);
      p = this.parsed[label] = parseLine(text, label, this.path);
    }
    return p;
  }

  passage(label: number): Passage | undefined {
    return this.line(label)?.[0];
  }

  hash(label: number): string {
    const l = this.line(label);
    if (!l) throw new RangeError(`${this.path}: no passage ${label} (of ${this.length}).`);
    return l[1];
  }

  private byId?: Map<string, number>;

  /**
   * The label of the passage with this id. The first call maps every id to its label by
   * reading only the id at the start of each line (`["<id>",`), not by parsing the lines:
   * at 100k passages that is ~30 ms instead of ~0.4 s.
   */
  labelOf(id: string): number | undefined {
    if (!this.byId) {
      const byId = new Map<string, number>();
      for (let i = 0; i < this.length; i++) {
        const from = this.starts[i] + 2; // past `["`
        const to = this.buf.indexOf(0x22, from); // the id's closing quote
        const raw = this.buf.toString('utf8', from, to);
        // An id with an escape in it is read the long way (ours are hex and never have one).
        byId.set(raw.includes('\\') ? (this.passage(i)?.id ?? raw) : raw, i);
      }
      this.byId = byId;
    }
    return this.byId.get(id);
  }

  /** Every passage and hash, in label order (parses the lines not parsed yet). */
  all(): { passages: Passage[]; hashes: string[] } {
    const passages: Passage[] = new Array(this.length);
    const hashes: string[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const l = this.line(i);
      if (!l) throw new RangeError(`${this.path}: no passage ${i} (of ${this.length}).`);
      [passages[i], hashes[i]] = l;
    }
    return { passages, hashes };
  }
}
