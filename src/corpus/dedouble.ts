/**
 * Repair of "doubled" OCR text, where every run of characters was extracted twice:
 * `这代表了今年这代表了今年，，无锡公安累无锡公安累` (a common artefact of PDFs whose text
 * layer draws each span twice, e.g. for a bold or shadow effect).
 *
 * No library does this; the method is a small dynamic programme. A line is "doubled"
 * when it can be read entirely as a sequence of pairs `XX` (plus stray whitespace, which
 * the extractor sometimes emits once). Normal prose almost never has that shape over a
 * whole line, while legitimate repeats (看看, 一条接着一条) only cover a few characters,
 * so they are left alone. The decision is then taken per document: only a document in
 * which most of the text is doubled is repaired, so that one odd line in a normal
 * article (say `哈哈`) is never touched.
 */

import { isSpaceCode } from '../text/chars.js';

/** Longest run considered; doubled runs in real data are a phrase or a line fragment. */
const MAX_RUN = 64;

/**
 * If `line` is entirely made of doubled runs, returns the undoubled line; otherwise null.
 * Whitespace between pairs is kept once. Prefers the longest run at each step, which
 * reproduces the original text whichever decomposition exists.
 */
export function undoubleLine(line: string): string | null {
  return evenCounts(line) ? undoubleRuns(line) : null;
}

/**
 * The dynamic programme of {@link undoubleLine}, without its shortcut (exported for the
 * test that holds the shortcut to giving the same results).
 */
export function undoubleRuns(line: string): string | null {
  const chars = Array.from(line);
  const n = chars.length;
  if (n < 2) return null;
  // reach[i]: the suffix from i can be decomposed. Filled backwards.
  const reach = new Uint8Array(n + 1);
  const step = new Int32Array(n + 1); // >0: run length L of a pair at i; -1: skip whitespace
  reach[n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    if (/\s/.test(chars[i]) && reach[i + 1]) {
      reach[i] = 1;
      step[i] = -1;
      continue;
    }
    const maxL = Math.min(MAX_RUN, Math.floor((n - i) / 2));
    for (let L = maxL; L >= 1; L--) {
      if (!reach[i + 2 * L]) continue;
      let same = true;
      for (let k = 0; k < L; k++) {
        if (chars[i + k] !== chars[i + L + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        reach[i] = 1;
        step[i] = L;
        break;
      }
    }
  }
  if (!reach[0]) return null;
  let out = '';
  for (let i = 0; i < n; ) {
    if (step[i] === -1) {
      out += chars[i];
      i += 1;
    } else {
      out += chars.slice(i, i + step[i]).join('');
      i += 2 * step[i];
    }
  }
  return out;
}

/** Parity of each code unit's count in the line {@link evenCounts} is looking at. */
const parity = new Uint8Array(0x10000);

/**
 * True when every character but white space occurs an even number of times in `line`:
 * a line made of doubled runs (`XX`) and single white space always does, while prose
 * almost never does, so most lines are refused here in one pass instead of by the
 * dynamic programme (which tries up to {@link MAX_RUN} run lengths at every character:
 * about a tenth of ingestion CPU). Counting code units is enough: a doubled run of a
 * surrogate pair doubles both halves.
 */
function evenCounts(line: string): boolean {
  let odd = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isSpaceCode(c)) continue;
    parity[c] ^= 1;
    odd += parity[c] ? 1 : -1;
  }
  if (odd === 0) return true;
  for (let i = 0; i < line.length; i++) parity[line.charCodeAt(i)] = 0;
  return false;
}

/** Result of {@link undoubleDocument}. */
export interface UndoubleResult {
  text: string;
  /** True when the document was judged doubled and repaired. */
  doubled: boolean;
  /** Share of non-blank characters lying on lines that decompose into pairs. */
  ratio: number;
}

/**
 * Detects doubled extraction over a whole document and, if most of its text is doubled
 * (`threshold`, default 60% of the characters on lines of 4+ characters), undoubles
 * every line that decomposes. Lines that do not (e.g. a figure `4362` printed once)
 * are kept as they are.
 */
export function undoubleDocument(text: string, threshold = 0.6): UndoubleResult {
  const lines = text.split('\n');
  let total = 0;
  let doubledChars = 0;
  const repaired = lines.map((line) => {
    const trimmed = line.trim();
    if (trimmed.length < 4) return null;
    total += trimmed.length;
    const fixed = undoubleLine(trimmed);
    if (fixed !== null) doubledChars += trimmed.length;
    return fixed;
  });
  const ratio = total === 0 ? 0 : doubledChars / total;
  if (ratio < threshold) return { text, doubled: false, ratio };
  const out = lines.map((line, i) => {
    const fixed = repaired[i] ?? (line.trim().length >= 2 && line.trim().length < 4 ? undoubleLine(line.trim()) : null);
    return fixed ?? line;
  });
  return { text: out.join('\n'), doubled: true, ratio };
}
