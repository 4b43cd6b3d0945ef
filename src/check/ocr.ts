/**
 * Offline screenshot reading (OCR) for the message check: tesseract.js with the traineddata
 * shipped in the `@tesseract.js-data/*` packages, a bounded pool of workers, size / time
 * limits with typed errors, and post-processing that turns tesseract's CJK output
 * (`请 尽快 登 录`) back into text the checker can read (`请尽快登录`).
 *
 * Nothing is downloaded: the traineddata is read from node_modules and tesseract's cache is
 * off (`cacheMethod: 'none'`), so it never writes `*.traineddata` into the working directory.
 *
 * Language choice (measured on tests/fixtures/ocr, 2 cores, warm worker; see bench/check-bench.ts):
 * - `chi_sim+chi_tra+eng` in one pass is about 2× slower than `chi_sim` (4.9 s vs 2.3 s for 9 fixtures)
 *   and mixes scripts: a Simplified SMS comes out partly Traditional (`中國移動`, `請盡快`),
 *   so the shown text no longer matches what the user received (similarity 0.76–0.87).
 * - A two-language set whose first model is Chinese (`chi_sim+eng`, `chi_tra+eng`,
 *   `chi_sim+chi_tra`) does NOT load its second model in tesseract.js 7.0.0: the core logs
 *   `Failed loading language '玂臎'` (a garbled name) and reads with the first model alone.
 *   With English really loaded (`eng+chi_sim`, or `chi_sim+eng+chi_sim`) English words win over
 *   poorly read Han words, which hides a Traditional screenshot from the check below
 *   (`媽媽` → `1515`, similarity 0.71) and costs 1.5–2× the time.
 * - `chi_sim` alone reads Simplified (0.91–1.0) and English (0.99–1.0: the Chinese models
 *   include Latin letters and digits; only an apostrophe was lost) but turns a Traditional
 *   screenshot into Simplified with misreadings (`媽媽` → `恕如`, 0.75–0.81); `chi_tra` reads
 *   Traditional well (0.93–0.95) and renders Simplified as Traditional (0.79–0.86).
 * - Confidence of the two models on the other script's glyphs is not symmetric: chi_tra is
 *   confident on Simplified (≈ 90), chi_sim is not on Traditional (Han words 76–77).
 * So: first pass with `chi_sim`; when its Han words' mean confidence is low
 * ({@link RETRY_HAN_CONFIDENCE}), a second pass with `chi_tra`, keeping the more confident.
 * A caller that knows the reader uses Traditional (bot locale) passes `langs: 'chi_tra'`;
 * `langs: 'eng'` reads English-only screenshots slightly better.
 *
 * Dark-mode screenshots are inverted before recognition ({@link DARK_MEAN_LEVEL}).
 *
 * Data variant: `4.0.0_best_int` (LSTM only, 1.7 MB per language) rather than `4.0.0`
 * (legacy + LSTM, 20 MB): it starts 3× faster and the legacy engine's output on these
 * screenshots was worse (`[ETCARS]MRIETC…` for a Simplified SMS).
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Logger } from 'pino';
import Tesseract from 'tesseract.js';
import { widenPunctuation } from '../corpus/clean.js';
import { isHan } from '../text/script.js';

/** Per-call limits. */
export interface OcrOptions {
  /** Largest accepted image in bytes (default {@link DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
  /** Time allowed for recognising one image once a worker has it (default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
  /**
   * Tesseract language(s) for the first pass, e.g. `chi_tra` (default {@link DEFAULT_LANGS}).
   * Avoid two-model sets starting with a Chinese model (`chi_sim+eng`): tesseract.js 7.0.0 loads
   * only the first of them (see the module comment).
   */
  langs?: string;
}

/** What was read from an image. `text` is `''` when no text was found. */
export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0..1 (0 when no text). */
  confidence: number;
  /** Wall time of the recognition, including waiting for a worker. */
  ms: number;
}

/** A pool of OCR workers. */
export interface Ocr {
  /** Reads the text of an image (a Buffer, or a path to a local file — never a URL). */
  recognize(image: Buffer | string, opts?: OcrOptions): Promise<OcrResult>;
  /**
   * Starts the first-pass workers now rather than on the first image (≈ 0.5–2 s each), so the
   * first user does not wait for them. Optional: recognize() starts workers on demand.
   */
  warmUp(): Promise<void>;
  /** Terminates all workers; later calls reject with code `closed`. */
  close(): Promise<void>;
}

/**
 * Why an image could not be read. The bot maps `code` to a reply:
 * `too-large` (send a smaller image / crop), `undecodable` (not an image we can read),
 * `unreadable` (file missing / unreadable, CLI), `timeout` (took too long), `busy` (too many
 * images queued), `closed` (shutting down), `failed` (OCR engine error).
 */
export type OcrErrorCode = 'too-large' | 'undecodable' | 'unreadable' | 'timeout' | 'busy' | 'closed' | 'failed';

/** Typed OCR failure; `detail` carries the numbers behind it (size, limit, ms). */
export class OcrError extends Error {
  readonly code: OcrErrorCode;
  readonly detail: Record<string, unknown>;
  constructor(code: OcrErrorCode, message: string, opts: { cause?: unknown; detail?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OcrError';
    this.code = code;
    this.detail = opts.detail ?? {};
  }
}

/** First-pass model: Simplified Chinese, which also reads English (see the module comment). */
export const DEFAULT_LANGS = 'chi_sim';
/**
 * Recognitions running at once (and workers per language model). This machine (and the small VPS
 * the bot targets) has 2 cores; tesseract is CPU-bound, so a third worker only adds memory
 * (process RSS measured 305–338 MB with 2 chi_sim + 2 chi_tra workers warm) and contention.
 */
export const DEFAULT_POOL_SIZE = 2;
/** 10 MB: above Telegram's largest photo (a few MB as JPEG) but bounds memory per image. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * 15 s: a phone screenshot takes 0.1–0.8 s on a warm worker here; a worker that needs 20× that
 * is stuck on a pathological image and is better replaced than waited for.
 */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** 40 megapixels: a 12 MP phone photo passes; bigger images decode into hundreds of MB in wasm. */
export const MAX_PIXELS = 40_000_000;
/** Images waiting for a free slot beyond which new ones are refused (`busy`): bounds memory under a burst. */
export const MAX_QUEUE = 32;
/**
 * Mean confidence (0..100) of the Han words below which the first pass is redone with the other
 * Chinese model, halfway between the measured groups: chi_sim's Han words on the Simplified
 * screenshots 88–92, on the Traditional ones 76–77 (chi_tra on those: 88–93).
 */
export const RETRY_HAN_CONFIDENCE = 83;
/**
 * Page confidence (0..100) below which the output is noise, not text. Measured: pictures without
 * text read as 0–34 (a fractal "photo" 6 → `wa 旺`, shapes with noise 34 → `全`); the fixture
 * screenshots 83–91.
 */
export const NO_TEXT_CONFIDENCE = 35;
/** Fewer letters / digits / Han than this is a stray glyph read off a picture, not a message. */
export const MIN_TEXT_CHARS = 2;
/**
 * Tesseract `thresholding_method` 2 = Sauvola (local binarisation) instead of the default Otsu
 * (global): Otsu missed the grey time stamps and a green chat bubble entirely, Sauvola read them
 * (similarity 0.55 → 0.75 on that screenshot, headers no longer misread). (Otsu as a retry for
 * poorly read pages helped only dark-mode screenshots, which are now inverted instead.)
 */
const THRESHOLDING_METHOD = '2';

const LANG_PACKAGES: Record<string, string> = {
  chi_sim: '@tesseract.js-data/chi_sim',
  chi_tra: '@tesseract.js-data/chi_tra',
  eng: '@tesseract.js-data/eng',
};
const DATA_VARIANT = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/**
 * tesseract.js reads every language from ONE `langPath` directory, while each data package
 * keeps its file in its own directory (and passing the data in memory is broken in 7.0.0:
 * `initialize` joins the data instead of the codes). So we make one directory of symlinks
 * under the OS temp dir (never the cwd), named by a hash of the sources so that two installs
 * do not collide. Idempotent and safe when two processes race.
 */
async function prepareLangDir(langs: string[]): Promise<string> {
  const sources = langs.map((lang) => {
    const pkg = LANG_PACKAGES[lang];
    if (!pkg)
      throw new OcrError(
        'failed',
        `OCR language "${lang}" is not installed (known: ${Object.keys(LANG_PACKAGES).join(', ')})`,
      );
    const dir = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), DATA_VARIANT);
    return { lang, file: path.join(dir, `${lang}.traineddata.gz`) };
  });
  const hash = createHash('sha256')
    .update(sources.map((s) => s.file).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(os.tmpdir(), `fanzha-tessdata-${hash}`);
  await fsp.mkdir(dir, { recursive: true });
  for (const s of sources) {
    const link = path.join(dir, `${s.lang}.traineddata.gz`);
    const current = await fsp.readlink(link).catch(() => null);
    if (current === s.file) continue;
    const tmp = `${link}.${process.pid}.${Date.now()}`;
    try {
      await fsp.symlink(s.file, tmp);
    } catch {
      // Filesystems without symlinks: copy instead.
      await fsp.copyFile(s.file, tmp);
    }
    await fsp.rename(tmp, link);
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Input checks

// TIFF is not listed: the OCR core cannot decode it (checked), so it fails here with a clear message.
type Format = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

function sniff(buf: Buffer): Format | null {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 6 && buf.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return 'bmp';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return null;
}

/** Pixel size from the PNG IHDR or a JPEG SOF marker; null when not cheaply known. */
function dimensions(buf: Buffer, format: Format): { width: number; height: number } | null {
  if (format === 'png' && buf.length >= 24) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (format === 'gif' && buf.length >= 10) return { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
  if (format === 'bmp' && buf.length >= 26)
    return { width: Math.abs(buf.readInt32LE(18)), height: Math.abs(buf.readInt32LE(22)) };
  if (format === 'webp' && buf.length >= 30) {
    const chunk = buf.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return { width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
    if (chunk === 'VP8L') {
      const bits = buf.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ') return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  }
  if (format === 'jpeg') {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1];
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      }
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
  return null;
}

async function loadImage(image: Buffer | string, maxBytes: number): Promise<Buffer> {
  let buf: Buffer;
  if (typeof image === 'string') {
    // Read local files ourselves: handed a string, tesseract.js would also fetch URLs.
    let size: number;
    try {
      size = (await fsp.stat(image)).size;
    } catch (cause) {
      throw new OcrError('unreadable', `cannot read image file ${image}`, { cause, detail: { path: image } });
    }
    if (size > maxBytes)
      throw new OcrError('too-large', `image is ${size} bytes, the limit is ${maxBytes}`, {
        detail: { bytes: size, limit: maxBytes },
      });
    try {
      buf = await fsp.readFile(image);
    } catch (cause) {
      throw new OcrError('unreadable', `cannot read image file ${image}`, { cause, detail: { path: image } });
    }
  } else {
    buf = image;
  }
  if (buf.length > maxBytes)
    throw new OcrError('too-large', `image is ${buf.length} bytes, the limit is ${maxBytes}`, {
      detail: { bytes: buf.length, limit: maxBytes },
    });
  const format = sniff(buf);
  if (!format)
    throw new OcrError('undecodable', 'not an image in a format we can read (PNG, JPEG, WebP, GIF, BMP)', {
      detail: { bytes: buf.length },
    });
  const dims = dimensions(buf, format);
  if (dims && dims.width * dims.height > MAX_PIXELS) {
    throw new OcrError('too-large', `image is ${dims.width}×${dims.height} pixels, the limit is ${MAX_PIXELS}`, {
      detail: { ...dims, limit: MAX_PIXELS },
    });
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Post-processing

const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u00b7]/u;
const SENTENCE_END = /[。！？!?…]$/u;

function isCjk(ch: string): boolean {
  return ch !== '' && (isHan(ch) || CJK_PUNCT.test(ch));
}

function isUrlish(token: string): boolean {
  return /:\/\/|^www\.|@|\.[a-z]{2,}(?:[/:?#]|$)/i.test(token);
}

/** Display width: a Han / full-width character is about two Latin ones. */
function width(line: string): number {
  let w = 0;
  for (const ch of line) w += isCjk(ch) ? 2 : 1;
  return w;
}

/** Joins the space-separated tokens of one OCR line: no space inside Chinese, one inside Latin. */
function joinTokens(line: string): string {
  const tokens = line.trim().split(/\s+/u).filter(Boolean);
  let out = '';
  for (const t of tokens) {
    if (out === '') {
      out = t;
      continue;
    }
    const left = out[out.length - 1];
    const right = t[0];
    const cjkBoundary = isCjk(left) || isCjk(right);
    // Keep a space beside a URL so the link's end stays clear to the reader and the entity finder.
    const prevToken = out.split(' ').pop() ?? '';
    const keep = !cjkBoundary || isUrlish(t) || isUrlish(prevToken);
    out += keep ? ` ${t}` : t;
  }
  return out;
}

// Full-width punctuation carries its own spacing: `账户： 6222` → `账户：6222`.
const SPACE_BY_WIDE_PUNCT = /\s+(?=[\u3000-\u303f\uff00-\uffef])|(?<=[\u3000-\u303f\uff00-\uffef])\s+/gu;

// A line with no letter, digit or Han character is decoration misread as text (`<`, `|`, `/`).
const HAS_CONTENT = /[\p{L}\p{N}]/u;
// The back arrow of a messaging app's header, read as `<` before the sender.
const BACK_ARROW = /^[<‹«]\s+/u;

/**
 * Cleans tesseract output: removes spaces between Chinese characters (and between Chinese and
 * punctuation, digits or Latin), keeps spaces between Latin words and around URLs, widens ASCII
 * punctuation used in Chinese (`您好!` → `您好！`), drops decoration lines, and joins lines
 * that wrap inside one message bubble (a line as wide as the widest one that does not end a
 * sentence continues on the next line). Separate lines otherwise stay separate.
 */
export function cleanOcrText(raw: string): string {
  const lines = raw
    .split(/\r?\n/u)
    .map((l) => l.replace(BACK_ARROW, ''))
    .map(joinTokens)
    .filter((l) => HAS_CONTENT.test(l))
    .map((l) => widenPunctuation(l).replace(SPACE_BY_WIDE_PUNCT, ''));
  if (lines.length === 0) return '';
  const widest = Math.max(...lines.map(width));
  // A wrapped line fills the bubble; OCR and proportional fonts make "full" approximate.
  const full = widest * WRAPPED_LINE_FILL;
  const out: string[] = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const prev = out[out.length - 1];
    const line = lines[i];
    const before = lines[i - 1];
    const open = !SENTENCE_END.test(before) && HAS_CONTENT.test(line[0] ?? '');
    // Wrapped inside a word or Chinese run: the line was full.
    const charWrap = open && width(before) >= full;
    // Wrapped at a space: the next line's first word would not have fitted after this one
    // (`…联系客服QQ` / `3012345678 办理`).
    const firstWord = isCjk(line[0]) ? line[0] : (line.match(/^[^\s\u3000-\u303f\uff00-\uffef]+/u)?.[0] ?? line[0]);
    const wordWrap =
      open &&
      !isCjk(line[0]) &&
      !isCjk(before[before.length - 1]) &&
      width(before) + 1 + width(firstWord) > widest * WORD_WRAP_FILL;
    if (!charWrap && !wordWrap) {
      out.push(line);
      continue;
    }
    const prevChar = prev[prev.length - 1];
    const lastToken = prev.split(/\s/u).pop() ?? '';
    const chinese = isCjk(prevChar) || isCjk(line[0]) || countHanRatio(prev) > 0.5;
    const glue = charWrap ? (chinese && !isUrlish(lastToken) ? '' : ' ') : ' ';
    out[out.length - 1] = prev + glue + line;
  }
  return out.join('\n');
}

/** 0.8: wrapped lines of one bubble measured 0.86–1.0 of the widest line in the fixtures. */
const WRAPPED_LINE_FILL = 0.8;
/** A word that would reach 95 % of the widest line did not fit: allows for OCR-dropped characters. */
const WORD_WRAP_FILL = 0.95;

function countHanRatio(text: string): number {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (isHan(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han + latin === 0 ? 0 : han / (han + latin);
}

// ---------------------------------------------------------------------------------------------
// Dark mode

/**
 * Mean grey level (0 black .. 255 white) below which a screenshot is dark mode and is inverted
 * before recognition. Light screenshots measure ≈ 230, dark-mode ones ≈ 30. Tesseract reads light
 * text on dark by trying each poorly read line again inverted, which made a dark-mode screenshot
 * 3–5× slower than the same light one (1.0–3.0 s vs 0.35–0.65 s here) and garbled its grey header;
 * inverted up front it reads like a light one (similarity 0.85 → 0.94).
 */
export const DARK_MEAN_LEVEL = 110;

interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Decodes the 8-bit greyscale, non-interlaced PNG that tesseract writes for `imageGrey`;
 * null for anything else (then the image is simply not treated as dark).
 */
export function decodeGreyPng(png: Buffer): Grey | null {
  if (png.length < 33 || png.readUInt32BE(0) !== 0x89504e47) return null;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colourType, , , interlace] = png.subarray(24, 29);
  if (depth !== 8 || colourType !== 0 || interlace !== 0) return null;
  const idat: Buffer[] = [];
  for (let i = 8; i + 8 <= png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    if (type === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    if (type === 'IEND') break;
    i += 12 + len;
  }
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    return null;
  }
  if (raw.length < height * (width + 1)) return null;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)];
    const src = y * (width + 1) + 1;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const a = x > 0 ? pixels[row + x - 1] : 0;
      const b = y > 0 ? pixels[row - width + x] : 0;
      const c = x > 0 && y > 0 ? pixels[row - width + x - 1] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[row + x] = (raw[src + x] + pred) & 0xff;
    }
  }
  return { width, height, pixels };
}

function meanLevel(g: Grey): number {
  let sum = 0;
  for (let i = 0; i < g.pixels.length; i++) sum += g.pixels[i];
  return g.pixels.length ? sum / g.pixels.length : 255;
}

/** The negative as a binary PGM, which leptonica reads without any encoder on our side. */
function invertedPgm(g: Grey): Buffer {
  const header = Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1');
  const body = Buffer.alloc(g.pixels.length);
  for (let i = 0; i < g.pixels.length; i++) body[i] = 255 - g.pixels[i];
  return Buffer.concat([header, body]);
}

// ---------------------------------------------------------------------------------------------
// Worker pool

interface Waiter {
  resolve: (w: Tesseract.Worker) => void;
  reject: (e: unknown) => void;
}

/**
 * A fixed-size pool of workers for one language set. Not tesseract's createScheduler: its jobs
 * cannot be cancelled and it does not say which worker runs a job, so a stuck job could not be
 * stopped. Here a job owns its worker; on timeout that worker is terminated and replaced.
 */
class WorkerPool {
  private readonly idle: Tesseract.Worker[] = [];
  private readonly waiters: Waiter[] = [];
  private live = 0;
  private closed = false;
  private readonly all = new Set<Tesseract.Worker>();

  constructor(
    private readonly langs: string,
    private readonly size: number,
    private readonly langDir: Promise<string>,
    private readonly logger?: Logger,
  ) {}

  private async spawn(): Promise<Tesseract.Worker> {
    this.live++;
    let worker: Tesseract.Worker | undefined;
    try {
      const langPath = await this.langDir;
      const t0 = Date.now();
      worker = await Tesseract.createWorker(this.langs, Tesseract.OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        logger: () => {},
        // Without a handler tesseract.js rethrows worker errors as uncaught; the job's promise
        // already rejects with the same error, so only log it.
        errorHandler: (e: unknown) => this.logger?.debug({ err: e, langs: this.langs }, 'ocr worker error'),
      });
      await worker.setParameters({ thresholding_method: THRESHOLDING_METHOD });
      if (this.closed) throw new OcrError('closed', 'OCR pool is closed');
      this.all.add(worker);
      this.logger?.debug({ langs: this.langs, ms: Date.now() - t0 }, 'ocr worker started');
      return worker;
    } catch (cause) {
      this.live--;
      // A worker that started but could not be configured must not linger as a thread.
      if (worker && !this.all.has(worker)) await worker.terminate().catch(() => {});
      if (cause instanceof OcrError) throw cause;
      throw new OcrError('failed', `cannot start OCR worker for ${this.langs}`, { cause });
    }
  }

  async acquire(): Promise<Tesseract.Worker> {
    if (this.closed) throw new OcrError('closed', 'OCR pool is closed');
    const w = this.idle.pop();
    if (w) return w;
    if (this.live < this.size) return this.spawn();
    if (this.waiters.length >= MAX_QUEUE)
      throw new OcrError('busy', `${this.waiters.length} images are already waiting for OCR`, {
        detail: { queued: this.waiters.length },
      });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Starts workers up to the pool size and parks them idle. */
  async warm(): Promise<void> {
    const missing = this.size - this.live;
    const started = await Promise.all(Array.from({ length: Math.max(0, missing) }, () => this.spawn()));
    for (const w of started) this.release(w);
  }

  release(worker: Tesseract.Worker): void {
    if (this.closed) return;
    const next = this.waiters.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  /** Terminates a stuck worker; starts a replacement if someone is waiting. */
  discard(worker: Tesseract.Worker): void {
    this.all.delete(worker);
    this.live--;
    worker.terminate().catch((err: unknown) => this.logger?.warn({ err }, 'ocr worker terminate failed'));
    if (this.closed || this.waiters.length === 0) return;
    const next = this.waiters.shift();
    if (!next) return;
    this.spawn().then((w) => (this.closed ? w.terminate().catch(() => {}) : next.resolve(w)), next.reject);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new OcrError('closed', 'OCR pool is closed'));
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate().catch(() => {})));
  }
}

interface Pass {
  langs: string;
  /** The image as recognised: the caller's, or its inverted grey version for a dark screenshot. */
  input: Buffer;
  inverted: boolean;
  text: string;
  confidence: number;
  hanConfidence: number;
  hanWords: number;
  /** Time on the worker (queueing excluded). */
  runMs: number;
}

const TIMEOUT = Symbol('timeout');

/**
 * Counting semaphore over all language pools: at most `size` recognitions run at once, whatever
 * their model, because the limit is CPU cores, not workers. Waiters beyond MAX_QUEUE are refused.
 */
function createSlots(size: number) {
  let free = size;
  const queue: Array<() => void> = [];
  return {
    async take(): Promise<void> {
      if (free > 0) {
        free--;
        return;
      }
      if (queue.length >= MAX_QUEUE)
        throw new OcrError('busy', `${queue.length} images are already waiting for OCR`, {
          detail: { queued: queue.length },
        });
      await new Promise<void>((resolve) => queue.push(resolve));
    },
    give(): void {
      const next = queue.shift();
      if (next) next();
      else free++;
    },
  };
}

/**
 * Creates an OCR pool. Workers start lazily (first image) and stay warm until {@link Ocr.close}.
 * One pool per language set, each of `poolSize` workers.
 */
export function createOcr(opts: { poolSize?: number; langs?: string; logger?: Logger } = {}): Ocr {
  const poolSize = Math.max(1, opts.poolSize ?? DEFAULT_POOL_SIZE);
  const defaultLangs = opts.langs ?? DEFAULT_LANGS;
  const pools = new Map<string, WorkerPool>();
  let langDir: Promise<string> | null = null;
  let closed = false;
  const slots = createSlots(poolSize);

  function pool(langs: string): WorkerPool {
    let p = pools.get(langs);
    if (!p) {
      langDir ??= prepareLangDir(Object.keys(LANG_PACKAGES));
      // Keep a failure (missing package) for the job to report, not as an unhandled rejection.
      langDir.catch(() => {});
      p = new WorkerPool(langs, poolSize, langDir, opts.logger);
      pools.set(langs, p);
    }
    return p;
  }

  /** One recognition on a worker of `langs`; `budgetMs` counts from when the worker takes it. */
  async function pass(langs: string, image: Buffer, budgetMs: number, detectDark = false): Promise<Pass> {
    await slots.take();
    try {
      return await passOnWorker(langs, image, budgetMs, detectDark);
    } finally {
      slots.give();
    }
  }

  async function passOnWorker(langs: string, image: Buffer, budgetMs: number, detectDark: boolean): Promise<Pass> {
    const p = pool(langs);
    const worker = await p.acquire();
    const remaining = Math.max(0, budgetMs);
    const start = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      let input = image;
      let inverted = false;
      const job = (async () => {
        if (detectDark) {
          // Grey image only, no recognition (tens of ms): is this a dark-mode screenshot?
          const g = await worker.recognize(image, {}, { text: false, imageGrey: true });
          const dataUrl = g.data.imageGrey ?? '';
          const grey = decodeGreyPng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
          if (grey && meanLevel(grey) < DARK_MEAN_LEVEL) {
            input = invertedPgm(grey);
            inverted = true;
          }
        }
        return worker.recognize(input, {}, { text: true, blocks: true });
      })();
      // The job keeps running if we time out; its rejection after terminate is expected.
      job.catch(() => {});
      const r = await Promise.race([
        job,
        new Promise<typeof TIMEOUT>((resolve) => {
          timer = setTimeout(() => resolve(TIMEOUT), remaining);
        }),
      ]);
      if (r === TIMEOUT) {
        p.discard(worker);
        throw new OcrError('timeout', `OCR took longer than the ${remaining} ms left`, {
          detail: { timeoutMs: remaining, langs },
        });
      }
      p.release(worker);
      const words = (r.data.blocks ?? []).flatMap((b) =>
        b.paragraphs.flatMap((pa) => pa.lines.flatMap((l) => l.words)),
      );
      const han = words.filter((w) => [...w.text].some(isHan));
      const hanConfidence = han.length ? han.reduce((s, w) => s + w.confidence, 0) / han.length : 0;
      opts.logger?.debug(
        { langs, confidence: r.data.confidence, hanConfidence, hanWords: han.length, inverted, ms: Date.now() - start },
        'ocr pass',
      );
      return {
        langs,
        input,
        inverted,
        text: r.data.text,
        confidence: r.data.confidence,
        hanConfidence,
        hanWords: han.length,
        runMs: Date.now() - start,
      };
    } catch (err) {
      if (err instanceof OcrError) throw err;
      // The worker answered (with an error), so it is still usable.
      p.release(worker);
      const message = String((err as Error)?.message ?? err);
      if (/read image|pix/i.test(message))
        throw new OcrError('undecodable', 'the image could not be decoded', { cause: err });
      throw new OcrError('failed', `OCR failed: ${message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async recognize(image, callOpts = {}) {
      if (closed) throw new OcrError('closed', 'OCR pool is closed');
      const t0 = Date.now();
      const buf = await loadImage(image, callOpts.maxBytes ?? DEFAULT_MAX_BYTES);
      const langs = callOpts.langs ?? defaultLangs;
      const timeoutMs = callOpts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // The time limit runs while a worker has the image (over all passes); queueing is bounded
      // by MAX_QUEUE instead.
      const first = await pass(langs, buf, timeoutMs, true);
      let best = first;
      let spent = first.runMs;
      // A retry pass only improves on an answer we already have: its failure is logged, not thrown.
      const retry = async (l: string): Promise<Pass | null> => {
        if (timeoutMs - spent <= 0) return null;
        try {
          // Retries reuse the first pass's input (already inverted for a dark screenshot).
          const r = await pass(l, first.input, timeoutMs - spent);
          spent += r.runMs;
          return r;
        } catch (err) {
          spent = timeoutMs;
          opts.logger?.warn({ err, langs: l }, 'ocr retry pass failed');
          return null;
        }
      };
      const other = otherChinese(langs);
      if (other && first.hanWords >= 2 && first.hanConfidence < RETRY_HAN_CONFIDENCE) {
        const second = await retry(other);
        if (second && second.hanConfidence > best.hanConfidence) best = second;
        opts.logger?.debug(
          { first: first.hanConfidence, second: second?.hanConfidence, langs: [langs, other] },
          'ocr script retry',
        );
      }
      const cleaned = best.confidence < NO_TEXT_CONFIDENCE ? '' : cleanOcrText(best.text);
      const text = (cleaned.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_TEXT_CHARS ? '' : cleaned;
      return { text, confidence: text ? best.confidence / 100 : 0, ms: Date.now() - t0 };
    },
    async warmUp() {
      if (closed) throw new OcrError('closed', 'OCR pool is closed');
      await pool(defaultLangs).warm();
    },
    async close() {
      closed = true;
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}

/** `chi_sim` → `chi_tra` and back (also inside a `+` set); null when the set has no (or both) Chinese models. */
function otherChinese(langs: string): string | null {
  const parts = langs.split('+');
  const sim = parts.includes('chi_sim');
  const tra = parts.includes('chi_tra');
  if (sim === tra) return null;
  return parts.map((p) => (p === 'chi_sim' ? 'chi_tra' : p === 'chi_tra' ? 'chi_sim' : p)).join('+');
}

let defaultOcr: Ocr | null = null;

/**
 * Reads an image with a lazily created process-wide pool (for the CLI `check --image`).
 * Call {@link closeDefaultOcr} before exiting: worker threads keep the process alive.
 */
export function recognizeImage(image: Buffer | string, opts?: OcrOptions): Promise<OcrResult> {
  defaultOcr ??= createOcr();
  return defaultOcr.recognize(image, opts);
}

/** Starts the workers of the pool behind {@link recognizeImage} (bot start-up), so the first photo is not slow. */
export function warmUpDefaultOcr(): Promise<void> {
  defaultOcr ??= createOcr();
  return defaultOcr.warmUp();
}

/** Terminates the pool behind {@link recognizeImage}, if it was started. */
export async function closeDefaultOcr(): Promise<void> {
  const o = defaultOcr;
  defaultOcr = null;
  await o?.close();
}
