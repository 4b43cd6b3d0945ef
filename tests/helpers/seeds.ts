import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

/** The raw text of the seed whose file name starts with `prefix` (e.g. '000'). */
export function seed(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(SEEDS_DIR, name), 'utf8');
}

export function seedNames(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/**
 * Artefacts that must never reach a quote: returns a description of each one found.
 * Shared by the cleaning tests and the answer-quality tests.
 */
export function artefacts(text: string): string[] {
  const found: string[] = [];
  if (/[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/u.test(text)) found.push('pinyin annotation');
  if (/[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/u.test(text)) found.push('space inside Chinese text');
  if (/([\u4e00-\u9fff]{3,})\1/u.test(text)) found.push('doubled run');
  if (/([，。、：；！？])\1/u.test(text)) found.push('doubled punctuation');
  if (/[\u4e00-\u9fff],[\u4e00-\u9fff]/u.test(text)) found.push('ASCII comma in Chinese');
  if (/關鍵詞|关键词|资料图片|資料圖片|通讯员|通訊員/u.test(text)) found.push('trailer, caption or byline');
  if (/[\n\r]/.test(text)) found.push('line break');
  if (/[網詐騙現進線說時與這們]/u.test(text)) found.push('Traditional character');
  if (/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/u.test(text)) found.push('full-width ASCII');
  return found;
}
