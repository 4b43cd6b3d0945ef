/**
 * Chinese tokenization for lexical search and the hashing embedder: jieba words (with a
 * user dictionary of scam vocabulary, so 杀猪盘 or 刷单返利 stay one word) plus character
 * bigrams, so that a term jieba does not know still matches on its parts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import { normalizeForSearch } from './script.js';

/** Extra domain words jieba's general dictionary splits apart. */
const DOMAIN_WORDS = [
  '电信网络诈骗',
  '电诈',
  '反诈',
  '反诈中心',
  '国家反诈中心',
  '预警劝阻',
  '劝阻',
  '止付',
  '冻结',
  '安全账户',
  '涉诈',
  '两卡',
  '断卡',
  '杀猪盘',
  '刷单',
  '刷单返利',
  '网络兼职',
  '退改签',
  '原石',
  '名媛',
  '公益金',
  '战争孤儿',
  '钱袋子',
  '96110',
  '110',
  '冒充客服',
  '冒充公检法',
  '公检法',
  '投资理财',
  '虚假投资',
  '逮捕令',
  '保证金',
  '洗钱',
  '黑灰产',
  '帮信罪',
  '跑分',
  '验证码',
  '屏幕共享',
  '共享屏幕',
  '陌生链接',
  '二维码',
  '总经理',
  '财务人员',
];

/** Function words that carry no meaning for retrieval. Kept small on purpose. */
const STOPWORDS = new Set(
  '的 了 是 在 和 与 及 或 也 都 就 而 又 还 被 把 将 对 为 从 向 让 给 等 着 过 之 其 这 那 个 一 有 我 你 他 她 它 们 吗 呢 吧 啊 呀 么 什么 怎么 怎样 如何 哪些 是否 可以 能 会 要 该 应该 请问 一下 一个 这个 那个 什么样 为什么 多少 了解 知道'.split(
    ' ',
  ),
);

let jieba: Jieba | undefined;

/** The shared jieba instance, built on first use (loading the dictionary takes a moment). */
export function getJieba(): Jieba {
  if (!jieba) {
    // jieba's own dictionary file, read here rather than through `@node-rs/jieba/dict.js`,
    // which also reads its 6 MB idf table (unused) at import.
    const dict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
    jieba = Jieba.withDict(dict);
    const words = new Set<string>(DOMAIN_WORDS);
    for (const t of SCAM_TYPES) {
      for (const w of [...t.aliases, ...t.keywords]) if (/^[\u4e00-\u9fff\d]{2,8}$/u.test(w)) words.add(w);
    }
    // High frequency so that these words win over jieba's own segmentation.
    const userDict = [...words].map((w) => `${w} 200000 n`).join('\n');
    jieba.loadDict(Buffer.from(userDict, 'utf8'));
  }
  return jieba;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN_RUN = /[\u3400-\u9fff]+/gu;

/** Words of already-normalised text (jieba, punctuation and stopwords removed). */
export function words(normalized: string): string[] {
  const out: string[] = [];
  // Search mode also emits the words inside longer ones (打电话 → 电话, 打电话), so a
  // question and a passage that word the same thing differently still meet.
  for (const w of getJieba().cutForSearch(normalized, false)) {
    const t = w.trim();
    if (!t) continue;
    // A common Han character is a letter: the regular expression is needed only for the rest.
    const c = t.charCodeAt(0);
    if (!(c >= 0x4e00 && c <= 0x9fef) && !WORDLIKE.test(t)) continue;
    if (!STOPWORDS.has(t)) out.push(t);
  }
  return out;
}

/** Character bigrams of the Han runs of normalised text. */
export function hanBigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const run of normalized.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/**
 * Search tokens of any text (Traditional or Simplified, any width): jieba words plus
 * Han bigrams, prefixed so the two kinds never collide (`w:杀猪盘`, `b:杀猪`).
 */
export function searchTokens(text: string): string[] {
  const n = normalizeForSearch(text);
  return [...words(n).map((w) => `w:${w}`), ...hanBigrams(n).map((b) => `b:${b}`)];
}
