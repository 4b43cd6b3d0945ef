import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanOcrText,
  closeDefaultOcr,
  createOcr,
  decodeGreyPng,
  MAX_QUEUE,
  type Ocr,
  OcrError,
  recognizeImage,
} from '../../src/check/ocr.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'fixtures', 'ocr');

interface Fixture {
  file: string;
  lang: string;
  label: string;
  text: string;
  message: string;
}
const fixtures: Fixture[] = JSON.parse(readFileSync(path.join(FIXTURES, 'fixtures.json'), 'utf8')).fixtures;
const textFixtures = fixtures.filter((f) => f.text !== '');

function byFile(file: string): Fixture {
  const f = fixtures.find((x) => x.file === file);
  if (!f) throw new Error(`fixture ${file} missing from fixtures.json`);
  return f;
}

/** Levenshtein distance over code points. */
function distance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, i) => i);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[B.length];
}

/** Character-level similarity 0..1, whitespace ignored (OCR line breaks differ from the source's). */
function similarity(a: string, b: string): number {
  const x = a.replace(/\s+/gu, '');
  const y = b.replace(/\s+/gu, '');
  const n = Math.max([...x].length, [...y].length);
  return n === 0 ? 1 : 1 - distance(x, y) / n;
}

async function rejection(p: Promise<unknown>): Promise<OcrError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OcrError);
    return e as OcrError;
  }
  throw new Error('expected a rejection');
}

// OCR is slow on 2 cores: a worker starts in ~0.5 s, an image takes 0.1–0.8 s.
const OCR_TEST_TIMEOUT = 30_000;

describe('cleanOcrText', () => {
  it('removes the spaces tesseract puts between Chinese characters and keeps Latin words apart', () => {
    expect(cleanOcrText('【 招 商 银行 】 您 的 验证 码 为 482913 , 您 正在')).toBe(
      '【招商银行】您的验证码为482913，您正在',
    );
    expect(cleanOcrText('Your package is on hold')).toBe('Your package is on hold');
  });

  it('keeps a space beside a URL and between digit groups', () => {
    expect(cleanOcrText('请 尽快 登 录 http://etc-cn.top 进行 认证')).toBe('请尽快登录 http://etc-cn.top 进行认证');
    expect(cleanOcrText('账户 : 6222 0212 3456')).toBe('账户：6222 0212 3456');
  });

  it('joins the wrapped lines of one bubble and keeps short lines (header, time) apart', () => {
    const raw =
      '< 10086\n11 月 1 日 08:00\n\n【中 国 移动 】 尊 敬 的 客户 ， 您 好 ! 您 10 月 话\n费 账单 已 出 ， 消费 合计 58.00 元 ， 当 前 余额 1\n2.30 元 。\n';
    expect(cleanOcrText(raw)).toBe(
      '10086\n11月1日08:00\n【中国移动】尊敬的客户，您好！您10月话费账单已出，消费合计58.00元，当前余额12.30元。',
    );
    expect(cleanOcrText('USPS: Your package is on hold due to an\nincomplete address.\nOk')).toBe(
      'USPS: Your package is on hold due to an incomplete address.\nOk',
    );
  });

  it('joins a line wrapped at a space before a long number, keeping the space', () => {
    const raw =
      '【速贷通】恭喜您获得20万元贷款额度，因\n您的银行卡号填写错误，账户已冻结，请先\n缴纳2000元解冻金，联系客服QQ\n3012345678 办理。';
    expect(cleanOcrText(raw)).toBe(
      '【速贷通】恭喜您获得20万元贷款额度，因您的银行卡号填写错误，账户已冻结，请先缴纳2000元解冻金，联系客服QQ 3012345678办理。',
    );
    // Short header lines above a bubble stay apart.
    const sms = 'Google\nText Message\nToday 7:15 PM\nG-739204 is your Google verification code. Do not share it.';
    expect(cleanOcrText(sms)).toBe(sms);
  });

  it('does not join a line that ends a sentence, and drops decoration-only lines', () => {
    expect(cleanOcrText('你 好 ， 我 是 王 总 。\n|\n现在 方便 吗 ？')).toBe('你好，我是王总。\n现在方便吗？');
    expect(cleanOcrText(' \n | \n')).toBe('');
  });
});

/** Encodes an 8-bit grey PNG, row y filtered with filter type y % 5 (CRCs left zero: not checked). */
function greyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (width + 1)] = filter;
    for (let x = 0; x < width; x++) {
      const cur = pixels[y * width + x];
      const a = x > 0 ? pixels[y * width + x - 1] : 0;
      const b = y > 0 ? pixels[(y - 1) * width + x] : 0;
      const c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      raw[y * (width + 1) + 1 + x] = (cur - pred) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodeGreyPng (dark-mode detection)', () => {
  it('decodes every PNG row filter back to the original pixels', () => {
    const width = 7;
    const height = 10;
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 37 + (i % width) * 11) & 0xff);
    const g = decodeGreyPng(greyPng(width, height, pixels));
    expect(g).not.toBeNull();
    expect(g?.width).toBe(width);
    expect(g?.height).toBe(height);
    expect([...(g?.pixels ?? [])]).toEqual([...pixels]);
  });

  it('declines colour PNGs and non-PNG bytes', () => {
    const colour = greyPng(2, 2, new Uint8Array(4));
    colour[25] = 2; // colour type RGB
    expect(decodeGreyPng(colour)).toBeNull();
    expect(decodeGreyPng(Buffer.from('not a png at all, just some bytes'))).toBeNull();
  });
});

describe('createOcr', () => {
  let ocr: Ocr;
  /** OCR text of each fixture, reused by the verdict test so each image is read once. */
  const read = new Map<string, string>();
  let tmp: string;
  beforeAll(() => {
    ocr = createOcr({ poolSize: 2 });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ocr-test-'));
  });
  afterAll(async () => {
    await ocr.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each(textFixtures.map((f) => [f.file, f] as const))(
    'reads %s with ≥ 0.9 character similarity to its source text',
    async (_name, f) => {
      const r = await ocr.recognize(path.join(FIXTURES, f.file));
      read.set(f.file, r.text);
      expect(similarity(r.text, f.text), r.text).toBeGreaterThanOrEqual(0.9);
      expect(r.confidence).toBeGreaterThan(0.5);
      expect(r.confidence).toBeLessThanOrEqual(1);
      // Chinese comes back without tesseract's inter-character spaces.
      if (f.lang.startsWith('zh')) expect(r.text).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'returns the script of the screenshot for Traditional text (second pass with chi_tra)',
    async () => {
      const f = byFile('chat-family-zh-hant.png');
      const r = await ocr.recognize(readFileSync(path.join(FIXTURES, f.file)));
      expect(r.text).toContain('媽媽');
      expect(r.text).toContain('吃飯');
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'gives each screenshot the same verdict as its source text',
    async () => {
      // Imported here so that a checker mid-edit fails this test only, not the whole file.
      const { checkMessage } = await import('../../src/check/checker.js');
      for (const f of fixtures) {
        const text = read.get(f.file) ?? (await ocr.recognize(path.join(FIXTURES, f.file))).text;
        const expected = checkMessage(f.text);
        const got = checkMessage(text);
        expect(got.verdict, `${f.file}: ${text}`).toBe(expected.verdict);
        expect(got.scamType, f.file).toBe(expected.scamType);
      }
      // The fixtures are labelled: scam screenshots must not come out as no-signs.
      for (const f of fixtures.filter((x) => x.label === 'scam'))
        expect(checkMessage(read.get(f.file) ?? '').verdict, f.file).not.toBe('no-signs');
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'gives empty text for images without text (an empty chat screen, a photo)',
    async () => {
      const empty = fixtures.filter((f) => f.text === '');
      expect(empty.length).toBeGreaterThanOrEqual(2);
      for (const f of empty) {
        const r = await ocr.recognize(path.join(FIXTURES, f.file));
        expect(r.text, f.file).toBe('');
        expect(r.confidence).toBe(0);
      }
    },
    OCR_TEST_TIMEOUT,
  );

  it('rejects an image over the size limit with a typed error, without reading it', async () => {
    const file = path.join(FIXTURES, 'otp-en.png');
    const size = readFileSync(file).length;
    const e = await rejection(ocr.recognize(file, { maxBytes: size - 1 }));
    expect(e.code).toBe('too-large');
    expect(e.detail).toMatchObject({ bytes: size, limit: size - 1 });
    const e2 = await rejection(ocr.recognize(Buffer.alloc(2048), { maxBytes: 1024 }));
    expect(e2.code).toBe('too-large');
  });

  it('rejects an image with too many pixels (decompression bomb) before decoding', async () => {
    const png = Buffer.from(readFileSync(path.join(FIXTURES, 'blank.png')));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    const e = await rejection(ocr.recognize(png));
    expect(e.code).toBe('too-large');
    // The same claim in the headers of the other accepted formats.
    const gif = Buffer.alloc(64);
    gif.write('GIF89a', 0, 'latin1');
    gif.writeUInt16LE(20_000, 6);
    gif.writeUInt16LE(20_000, 8);
    const bmp = Buffer.alloc(64);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(20_000, 18);
    bmp.writeInt32LE(-20_000, 22); // top-down rows: negative height
    const webp = Buffer.alloc(64);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(19_999, 24, 3);
    webp.writeUIntLE(19_999, 27, 3);
    for (const [name, buf] of Object.entries({ gif, bmp, webp })) {
      expect((await rejection(ocr.recognize(buf))).code, name).toBe('too-large');
    }
  });

  it(
    'rejects bytes that are not an image, and a broken image, as undecodable',
    async () => {
      const e = await rejection(ocr.recognize(Buffer.from('this is not an image, just text')));
      expect(e.code).toBe('undecodable');
      // TIFF: the OCR core cannot decode it, so it is refused up front.
      const tiff = Buffer.from('II*\0 and then some tiff bytes', 'latin1');
      expect((await rejection(ocr.recognize(tiff))).code).toBe('undecodable');
      const truncated = readFileSync(path.join(FIXTURES, 'otp-en.png')).subarray(0, 400);
      const e2 = await rejection(ocr.recognize(truncated));
      expect(e2.code).toBe('undecodable');
    },
    OCR_TEST_TIMEOUT,
  );

  it('reports a missing file as unreadable', async () => {
    const e = await rejection(ocr.recognize(path.join(tmp, 'missing.png')));
    expect(e.code).toBe('unreadable');
  });

  it(
    'times out with a typed error, replaces the stuck worker, and keeps working',
    async () => {
      const file = path.join(FIXTURES, 'sms-parcel-en.png');
      const e = await rejection(ocr.recognize(file, { timeoutMs: 1 }));
      expect(e.code).toBe('timeout');
      const f = byFile('sms-parcel-en.png');
      const r = await ocr.recognize(file);
      expect(similarity(r.text, f.text)).toBeGreaterThanOrEqual(0.9);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'reads images concurrently through the bounded pool',
    async () => {
      const some = textFixtures.slice(0, 4);
      const results = await Promise.all(some.map((f) => ocr.recognize(path.join(FIXTURES, f.file))));
      for (const [i, r] of results.entries()) expect(similarity(r.text, some[i].text)).toBeGreaterThanOrEqual(0.9);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'refuses images beyond the bounded queue as busy, and serves the rest',
    async () => {
      const blank = readFileSync(path.join(FIXTURES, 'blank.png'));
      const results = await Promise.allSettled(Array.from({ length: 40 }, () => ocr.recognize(blank)));
      const busy = results.filter((r) => r.status === 'rejected' && (r.reason as OcrError).code === 'busy');
      const served = results.filter((r) => r.status === 'fulfilled');
      expect(busy.length).toBeGreaterThan(0);
      expect(served.length).toBeGreaterThanOrEqual(MAX_QUEUE);
      expect(busy.length + served.length).toBe(40);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'warms up on request and refuses work after close',
    async () => {
      const other = createOcr({ poolSize: 1 });
      await other.warmUp();
      expect((await other.recognize(path.join(FIXTURES, 'blank.png'))).text).toBe('');
      await other.close();
      expect((await rejection(other.warmUp())).code).toBe('closed');
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    'serves the CLI through a lazily created default pool that closes',
    async () => {
      const r = await recognizeImage(readFileSync(path.join(FIXTURES, 'otp-en.png')));
      expect(r.text).toContain('G-739204');
      await closeDefaultOcr();
      await closeDefaultOcr(); // idempotent
    },
    OCR_TEST_TIMEOUT,
  );

  it('refuses work after close', async () => {
    const other = createOcr({ poolSize: 1 });
    await other.close();
    const e = await rejection(other.recognize(path.join(FIXTURES, 'blank.png')));
    expect(e.code).toBe('closed');
  });

  it('never writes traineddata into the working directory', () => {
    for (const lang of ['chi_sim', 'chi_tra', 'eng']) expect(existsSync(`${lang}.traineddata`)).toBe(false);
  });
});
