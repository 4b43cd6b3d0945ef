/**
 * Entities of a message: links, phone numbers, private-channel account ids and amounts.
 * Found on the normalised text (so full-width digits and zero-width tricks do not hide
 * them) and reported as exact spans of the original.
 */
import { UNUSUAL_TLDS } from '../knowledge/red-flags.js';
import { type Normalized, originalSpan } from './normalize.js';
import type { Entities } from './types.js';

/** A found entity: its normalised form and where it is. */
export interface EntitySpan {
  kind: 'url' | 'phone' | 'account' | 'amount';
  /** Normalised text of the entity (lower case, half-width). */
  value: string;
  from: number;
  to: number;
}

// Domain endings we accept for a bare domain written without http:// or www. (a longer
// list would turn "file.txt" or "a.b" into links).
const COMMON_TLDS = [
  'com',
  'cn',
  'net',
  'org',
  'tw',
  'hk',
  'mo',
  'uk',
  'us',
  'io',
  'me',
  'co',
  'app',
  'ly',
  'gl',
  'gd',
  'im',
  'nz',
  'la',
  'to',
  'gov',
  'edu',
];
const TLD_ALT = [...new Set([...COMMON_TLDS, ...UNUSUAL_TLDS])].sort((a, b) => b.length - a.length).join('|');

const URL_RE = new RegExp(
  [
    // Scheme or www. — anything up to a space, CJK or closing punctuation.
    String.raw`(?:https?:\/\/|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"'<>()\[\]{}，。、；！？“”‘’（）【】《》]+`,
    // Bare IPv4 with an optional port and path.
    String.raw`(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{2,5})?(?:\/[\w\-./?%&=#~+]*)?`,
    // Bare domain with a known ending, optionally a path.
    String.raw`(?<![\w@.\-])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:${TLD_ALT})(?![a-z0-9\-])(?::\d{2,5})?(?:\/[\w\-./?%&=#~+]*)?`,
  ].join('|'),
  'gu',
);

// Phone numbers: mainland mobiles (+86), Taiwan (+886 / 09xx), Hong Kong (+852), 400/800
// service numbers, 95xxx/96xxx bank and hotline numbers, 10086-style carrier numbers,
// landlines with an area code. Digits inside longer digit runs (codes, card numbers) are not phones.
const PHONE_RE = new RegExp(
  [
    String.raw`(?:\+|00)86[\s-]?1[3-9]\d(?:[\s-]?\d{4}){2}`,
    String.raw`(?:\+|00)886[\s-]?9\d{2}[\s-]?\d{3}[\s-]?\d{3}`,
    String.raw`(?:\+|00)886[\s-]?[2-8][\s-]?\d{3,4}[\s-]?\d{4}`,
    String.raw`(?:\+|00)852[\s-]?[2-9]\d{3}[\s-]?\d{4}`,
    String.raw`(?:\+|00)\d{1,3}[\s-]?\(?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}`,
    String.raw`(?<![\d.])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\d.])`,
    String.raw`(?<![\d.])09\d{2}[\s-]?\d{3}[\s-]?\d{3}(?![\d.])`,
    String.raw`(?<![\d.])[48]00[\s-]?\d{3}[\s-]?\d{4}(?![\d.])`,
    String.raw`(?<![\d.])0\d{2,3}[\s-]\d{7,8}(?![\d.])`,
    String.raw`(?<![\d.])\(0\d{1,3}\)\s?\d{3,4}[\s-]?\d{4}(?![\d.])`,
    String.raw`(?<![\d.])9[56]\d{3,4}(?![\d.])`,
    String.raw`(?<![\d.])1(?:0086|0010|0000|2306|2315|2345|2123|2367|65)(?![\d.])`,
  ].join('|'),
  'gu',
);

// Private-channel ids, kept with the app name as written (微信：abc123).
const ACCOUNT_RE = new RegExp(
  [
    String.raw`(?:qq|扣扣|企鹅)(?:号|号码)?\s*[:：]?\s*[1-9]\d{4,10}(?!\d)`,
    String.raw`(?:微信|威信|薇信|v信|vx|wx|weixin|wechat)(?:号|id)?\s*[:：]?\s*[a-z][a-z0-9_\-]{5,19}(?![a-z0-9_\-])`,
    String.raw`(?:微信|威信|薇信|v信|vx|wx|weixin|wechat)(?:号|id)?\s*[:：]?\s*1[3-9]\d{9}(?!\d)`,
    String.raw`(?:line|赖)\s*(?:id)?\s*[:：]\s*@?[a-z0-9._\-]{3,20}`,
    String.raw`(?:line|赖)\s*(?:id)?\s+@[a-z0-9._\-]{3,20}`,
    String.raw`(?:telegram|tg|飞机|纸飞机)(?:号|id)?\s*[:：]?\s*@[a-z][a-z0-9_]{4,31}`,
    String.raw`(?:t\.me|wa\.me|line\.me\/ti\/p)\/[~@+]?[a-z0-9_]{3,32}`,
    String.raw`(?:whatsapp)\s*[:：]?\s*\+?\d[\d\s-]{7,16}\d`,
    String.raw`(?<![\w@.])@[a-z][a-z0-9_]{4,31}(?![\w@.])`,
  ].join('|'),
  'gu',
);

const AMOUNT_RE = new RegExp(
  [
    String.raw`(?:[¥￥$£€]|rmb|cny|nt\$|hk\$|us\$|usd|usdt)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:万|千|百|k|m))?`,
    String.raw`\d[\d,]*(?:\.\d+)?\s?(?:万元|亿元|万|亿|元|块钱|块|美元|美金|港币|港元|新台币|台币|usdt|u\b|rmb|dollars?|pounds?|euros?)`,
    '[一二两三四五六七八九十百千万]+(?:万元|万|元|块)',
  ].join('|'),
  'gu',
);

function collect(n: Normalized, re: RegExp, kind: EntitySpan['kind'], out: EntitySpan[]): void {
  re.lastIndex = 0;
  for (const m of n.text.matchAll(re)) {
    let value = m[0];
    // Trailing sentence punctuation is not part of a link.
    if (kind === 'url') value = value.replace(/[.,;:!?)\]]+$/u, '');
    if (!value) continue;
    out.push({ kind, value, from: m.index, to: m.index + value.length });
  }
}

/** Finds the entities of a normalised message, in order of appearance. */
export function findEntities(n: Normalized): EntitySpan[] {
  const spans: EntitySpan[] = [];
  collect(n, URL_RE, 'url', spans);
  collect(n, ACCOUNT_RE, 'account', spans);
  collect(n, PHONE_RE, 'phone', spans);
  collect(n, AMOUNT_RE, 'amount', spans);
  // A phone inside a link or an account id, or a bare IP read as an amount, is not its own entity.
  const covering = spans.filter((s) => s.kind === 'url' || s.kind === 'account');
  return spans
    .filter(
      (s) =>
        s.kind === 'url' ||
        !covering.some(
          (c) => c !== s && c.from <= s.from && c.to >= s.to && (s.kind !== 'account' || c.kind === 'url'),
        ),
    )
    .sort((a, b) => a.from - b.from);
}

/** The contract's {@link Entities}: original spans, de-duplicated. */
export function toEntities(n: Normalized, spans: EntitySpan[]): Entities {
  const out: Entities = { urls: [], phones: [], accounts: [], amounts: [] };
  const key = { url: 'urls', phone: 'phones', account: 'accounts', amount: 'amounts' } as const;
  for (const s of spans) {
    const list = out[key[s.kind]];
    const text = originalSpan(n, s.from, s.to);
    if (text && !list.includes(text)) list.push(text);
  }
  return out;
}

/** Host of a normalised URL (no scheme, port, path or credentials). */
export function urlHost(url: string): string {
  const noScheme = url.replace(/^[a-z]+:\/\//u, '');
  const host = noScheme.split(/[/?#]/u)[0].replace(/^.*@/u, '').replace(/:\d+$/u, '');
  return host.replace(/\.$/u, '');
}
