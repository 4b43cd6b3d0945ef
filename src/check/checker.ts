/**
 * The message checker (issue 7): red flags → score → verdict, with routine notices
 * recognised and every verdict explained by the flags it rests on. Pure, synchronous and
 * fast (a few milliseconds for a long message): it runs on every pasted message.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  BRAND_DOMAINS,
  MODEL_FLAG,
  NEGATION_BEFORE,
  NOT_NEGATION,
  OFFICIAL_DOMAIN_SUFFIXES,
  RED_FLAGS,
  type RedFlagDef,
  redFlagById,
  UNUSUAL_TLDS,
  URL_SHORTENERS,
} from '../knowledge/red-flags.js';
import { ALWAYS_DISQUALIFY, ROUTINE_NOTICES } from '../knowledge/routine-notices.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import { MIN_TYPE_SCORE, scoreScamTypes } from './classify.js';
import { type EntitySpan, findEntities, toEntities, urlHost } from './entities.js';
import { type CheckModel, type CheckModelData, loadCheckModel } from './model/model.js';
import { type Normalized, normalize, originalSpan } from './normalize.js';
import type { CheckInput, CheckResult, FlagHit, Verdict } from './types.js';

/**
 * Score at or above which the verdict is `scam`. 0.75 needs either one decisive sign
 * (安全账户, 0.9) or several independent ones (e.g. pay-first 0.45 + private channel 0.35 +
 * urgency 0.2 → 0.71 stays suspicious; add a loan fee and it is a scam). Tuned on
 * tests/eval/check-dev.json.
 */
export const SCAM_AT = 0.75;
/**
 * Score at or above which the verdict is `suspicious`. 0.4 lets one clear sign (asking
 * to pay first, a look-alike link, a code request) warn, while a single weak sign (a plain
 * link 0.12, urgency 0.2, a refund mention 0.25) or two of them (0.12 + 0.25 → 0.34) do
 * not: ordinary notices often carry one.
 */
export const SUSPICIOUS_AT = 0.4;
/** Characters before a match searched for a negation (没有/无需/不会 …), within its clause. */
export const NEGATION_WINDOW = 8;
/**
 * The same for English, where words are longer and the negation sits further from the
 * sign ("will never ask you to move money to a safe account": 35 characters).
 */
export const NEGATION_WINDOW_LATIN = 40;
/** Characters after a match searched for a verdict on it (保本高收益都是骗人的). */
export const DENIAL_WINDOW = 10;
/** Characters either side of a match in which a flag's cancelling context is looked for. */
export const CANCEL_WINDOW = 12;
/**
 * Extra weight when a message is shaped like a routine notice (a bank or carrier notice, a
 * one-time code) but asks for something such notices never do: the disguise is itself a
 * sign. Its evidence is the disqualifying flag, which is always reported.
 */
export const MIMIC_WEIGHT = 0.2;
/**
 * Two strong signs of different families make a scam: each alone already warns (≥ 0.4, e.g.
 * a code request and a look-alike link, a loan fee and an unofficial contact), and ordinary
 * messages in the dev sets never carry two of them. Without this rule noisy-or needs three.
 */
export const STRONG_FLAG_WEIGHT = 0.35;
/**
 * Model probability at which a message with at least one rule flag, too weak alone, is
 * suspicious: the flag says what to look at, the model that the whole reads like a scam.
 * Chosen by 5-fold cross-validation (src/check/model/README.md).
 */
export const MODEL_WITH_FLAG = 0.4;
/**
 * Model probability at which a message without any rule flag is suspicious all the same
 * ("resembles known scam messages", quoting the most telling phrase). High, so that the
 * model alone rarely speaks: cross-validated false alarms stay within the target.
 */
export const MODEL_ALONE = 0.6;
/**
 * Fewest characters (normalised, spaces excluded) for the model to speak: on a short text
 * ("這家店沒有手續費", "详情见 <link>") a handful of n-grams decide and the probability means
 * little. Links do not count: they are text the model cannot read.
 */
export const MODEL_MIN_CHARS = 20;

/** Characters of a text without links and spaces (what the model can read). */
export function contentLength(text: string): number {
  return text.replace(/(?:https?:\/\/|www\.)\S+/gu, '').replace(/\s/gu, '').length;
}
/**
 * Model probability at which a suspicious message with signs of two different families is a
 * scam: the rules found independent signs and the model agrees strongly.
 */
export const MODEL_CONFIRM = 0.9;
/**
 * Typing points for the model's share of a type (P(type | scam) × this): 3 equals one
 * strong typing word, so a confident model decides between rule candidates and can type a
 * message whose wording the typing data does not know yet.
 */
export const MODEL_TYPE_POINTS = 3;
/** Longest input examined; longer texts are checked on their first part (bounds the time). */
export const MAX_CHECK_CHARS = 5000;

const CLAUSE_END = /[，。！？；,;!?\n]/u;
const SENTENCE_END = /[。！？!?\n]/u;

// Patterns compiled once with the global flag, so matchAll can walk every occurrence.
const COMPILED = RED_FLAGS.map((f) => ({
  def: f,
  // 'd' gives group offsets: a pattern's `q` group marks the part to quote (see quoted()).
  patterns: f.patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gd]/gu, '')}gd`)),
}));

// 不 right before a verb (不出租、不转账) negates it; further away it does not (不小心开通).
const NOT_RIGHT_BEFORE = /(不|别|勿|莫|未)$/u;
// A clause that calls the sign a scam: the message warns about it rather than uses it.
const DENIED_AFTER =
  /^[^，。！？；\n]{0,10}?(都是|就是|均为|一律是|全是|是)(骗人|骗局|诈骗|假的|骗子)|^[^.!?\n]{0,30}\b(is|are) (a |always a )?(scam|fraud)/u;

function negated(text: string, from: number, to: number): boolean {
  if (DENIED_AFTER.test(text.slice(to, to + DENIAL_WINDOW + 30))) return true;
  const latin = /[a-z]/u.test(text[from] ?? '');
  let start = Math.max(0, from - (latin ? NEGATION_WINDOW_LATIN : NEGATION_WINDOW));
  if (NOT_RIGHT_BEFORE.test(text.slice(start, from)) && !/(?:不要|不会|不是)$/u.test(text.slice(start, from + 1)))
    return true;
  const before = text.slice(start, from);
  for (let i = before.length - 1; i >= 0; i--) {
    // A full stop ends an English sentence only when a space follows (not in $1.99, t.cn).
    if (CLAUSE_END.test(before[i]) || (before[i] === '.' && /\s/u.test(before[i + 1] ?? ''))) {
      start += i + 1;
      break;
    }
  }
  const prefix = text.slice(start, from + 2);
  return NEGATION_BEFORE.test(text.slice(start, from)) && !NOT_NEGATION.test(prefix);
}

function cancelled(def: RedFlagDef, text: string, from: number, to: number): boolean {
  if (!def.cancel?.length) return false;
  let a = Math.max(0, from - CANCEL_WINDOW);
  let b = Math.min(text.length, to + CANCEL_WINDOW);
  // Stay within the sentence: a cancelling phrase in another sentence is about something else.
  for (let i = from - 1; i >= a; i--)
    if (SENTENCE_END.test(text[i])) {
      a = i + 1;
      break;
    }
  for (let i = to; i < b; i++)
    if (SENTENCE_END.test(text[i])) {
      b = i;
      break;
    }
  const window = text.slice(a, b);
  return def.cancel.some((re) => re.test(window));
}

/**
 * The part of a match to quote. A pattern whose match runs on into context (a bill word …
 * 点击 http) names its telling part with a `(?<q>…)` group: the quote is that part to the end
 * of its clause, within the match (违章记录未处理, not 违章记录未处理，请点击 http).
 */
function quoted(text: string, m: RegExpExecArray, from: number, to: number): [number, number] {
  const q = m.indices?.groups?.q;
  if (!q) return [from, to];
  let b = q[1];
  while (b < to && !CLAUSE_END.test(text[b])) b++;
  return [q[0], b];
}

/** The first occurrence of a pattern flag that no context cancels, as a normalised span. */
function findFlag(c: (typeof COMPILED)[number], text: string): [number, number] | undefined {
  const { def } = c;
  if (def.cancelMessage?.some((re) => re.test(text))) return undefined;
  for (const re of c.patterns) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      const from = m.index;
      const to = from + m[0].length;
      if (def.negatable !== false && negated(text, from, to)) continue;
      if (cancelled(def, text, from, to)) continue;
      return quoted(text, m, from, to);
    }
  }
  return undefined;
}

// Characters of one Latin/digit token (a word, an id, a number): a quote never cuts one.
const TOKEN_CHAR = /[a-z0-9_]/u;
// (’ is left out: in English it is mostly an apostrophe, not a closing quote.)
const OPENERS = '【「『（(［[《“〔';
const CLOSERS = '】」』）)］]》”〕';
// Leading/trailing characters a quote never starts or ends with.
const EDGE_JUNK = /[\s，。！？；：、,.;:!?…~～\-—]/u;
/** Shortest quote (characters) refining may leave; shorter, the pattern's span is kept. */
const MIN_QUOTE = 2;
/**
 * Shortest quote that cutting at an unbalanced bracket may leave (您的ETC卡已失效 is fine, 去
 * alone says nothing); shorter, the quote takes in the partner bracket instead.
 */
const MIN_TRIMMED_QUOTE = 4;
/** Farthest (characters) a quote reaches past its match to take in a partner bracket. */
const BRACKET_REACH = 12;

/**
 * Tidies a flag's span so the quote reads as words of the message: widened to whole
 * links, ids and Latin words it touches (a pattern may stop at `http` or `wx` of
 * `wxid_abc123`), cut after a closing bracket whose opener lies outside it (`ETC】您的…`)
 * and before an opener whose closer does, and stripped of edge spaces and punctuation.
 * Exported for tests.
 */
export function refineSpan(text: string, spans: readonly EntitySpan[], from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  // Whole links, ids and phone numbers: the quote names the thing, not its first letters.
  for (const s of spans) {
    if (s.kind === 'amount' || s.to <= a || s.from >= b) continue;
    a = Math.min(a, s.from);
    b = Math.max(b, s.to);
  }
  while (a > 0 && TOKEN_CHAR.test(text[a - 1]) && TOKEN_CHAR.test(text[a])) a--;
  while (b < text.length && TOKEN_CHAR.test(text[b]) && TOKEN_CHAR.test(text[b - 1])) b++;
  // Unbalanced brackets: drop up to an unmatched closer, and from an unmatched opener.
  const open: number[] = [];
  let cut = a;
  for (let i = a; i < b; i++) {
    const o = OPENERS.indexOf(text[i]);
    const c = CLOSERS.indexOf(text[i]);
    if (o >= 0) open.push(i);
    else if (c >= 0) {
      if (open.length > 0) open.pop();
      else cut = i + 1;
    }
  }
  const end = open.length > 0 ? open[0] : b;
  if (end - cut >= MIN_TRIMMED_QUOTE) {
    a = cut;
    b = end;
  } else {
    // Too little would be left (去“易游担保网): take in the partner bracket when it is near.
    if (cut > a) {
      const o = text.lastIndexOf(OPENERS[CLOSERS.indexOf(text[cut - 1])], a);
      if (o >= 0 && a - o <= BRACKET_REACH) a = o;
    }
    if (open.length > 0) {
      const c = text.indexOf(CLOSERS[OPENERS.indexOf(text[open[0]])], b);
      if (c >= 0 && c - b < BRACKET_REACH) b = c + 1;
    }
  }
  while (a < b && EDGE_JUNK.test(text[a])) a++;
  while (b > a && EDGE_JUNK.test(text[b - 1])) b--;
  return b - a >= MIN_QUOTE ? [a, b] : [from, to];
}

/** Registrable domain: the last two labels, or three under a two-letter country code's com/gov/… */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const sld = labels[labels.length - 2];
  const tld = labels[labels.length - 1];
  const take = tld.length === 2 && /^(com|net|org|gov|edu|co|ac|idv|ne|or)$/u.test(sld) ? 3 : 2;
  return labels.slice(-take).join('.');
}

const LEET: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't' };

function isOfficialHost(host: string): boolean {
  return OFFICIAL_DOMAIN_SUFFIXES.some((d) => host === d || host.endsWith(`.${d}`));
}

/** Link flags of one URL (normalised form). Exported for tests. */
export function linkFlags(url: string): string[] {
  const host = urlHost(url);
  if (!host) return [];
  if (/^(\d{1,3}\.){3}\d{1,3}$/u.test(host)) return ['link', 'ip-link'];
  if (isOfficialHost(host)) return [];
  const out = ['link'];
  const domain = registrableDomain(host);
  if (URL_SHORTENERS.includes(host) || URL_SHORTENERS.includes(domain)) out.push('short-link');
  const tld = host.split('.').pop() ?? '';
  if (UNUSUAL_TLDS.includes(tld)) out.push('odd-tld');
  // A brand's name inside a host that is not the brand's own domain (icbc-pay.top,
  // 12123-gov.cc, paypa1 is left to the brand list: digits are common in real hosts).
  // Digits standing for letters (amaz0n, paypa1) are read as the letters for letter brands.
  const deleet = host.replace(/[013457]/gu, (d) => LEET[d]);
  const tokens = host.split(/[.\-_]/u);
  const looksLike = Object.entries(BRAND_DOMAINS).some(([brand, official]) => {
    const hay = /\d/u.test(brand) ? host : deleet;
    const named =
      tokens.includes(brand) || hay.split(/[.\-_]/u).includes(brand) || (brand.length >= 5 && hay.includes(brand));
    return named && !official.some((d) => host === d || host.endsWith(`.${d}`));
  });
  if (looksLike) out.push('lookalike-domain');
  return out;
}

/** Combines flag weights: the chance that at least one of the independent signs is right. */
function noisyOr(weights: number[]): number {
  return 1 - weights.reduce((p, w) => p * (1 - w), 1);
}

function verdictOf(score: number): Verdict {
  if (score >= SCAM_AT) return 'scam';
  if (score >= SUSPICIOUS_AT) return 'suspicious';
  return 'no-signs';
}

// Numbers that only official bodies use: 95xxx bank lines, 96110, 1xxxx carrier/government
// short numbers. A notice asking you to call one of these is not disqualified by it.
const OFFICIAL_NUMBER = /^(9[56]\d{3,4}|1(0086|0010|0000|2306|2315|2345|2123|2367|65))$/u;
const CALL_WORD = /(致电|拨打|回电|联系|来电|咨询|加我|添加|call|text|contact|whatsapp)/u;

/** A request to call or contact a number that is not an official short number. */
function asksToCall(n: Normalized, spans: EntitySpan[]): boolean {
  return spans.some((s) => {
    if (s.kind !== 'phone' && s.kind !== 'account') return false;
    if (s.kind === 'phone' && OFFICIAL_NUMBER.test(s.value.replace(/[\s-]/gu, ''))) return false;
    return CALL_WORD.test(n.text.slice(Math.max(0, s.from - 12), s.from));
  });
}

// Pointing people to official help is not a request that disqualifies a reminder.
const OFFICIAL_ACTION =
  /(下载|安装|使用|拨打|致电|联系|报警|咨询|请撥|请拨)[^，。]{0,4}(国家反诈中心|反诈中心|96110|110|165|12381|警方|派出所|当地公安)(app|热线|专线)?/gu;

/**
 * Recognises a routine notice that nothing disqualifies: its id. `mimic` when the message
 * has the shape of a routine notice but carries a request no such notice makes (add a
 * contact, pay, open an unofficial link): a notice in disguise.
 */
function routineOf(n: Normalized, flagIds: Set<string>, spans: EntitySpan[]): { id?: string; mimic: boolean } {
  const text = n.text;
  let mimic = false;
  for (const kind of ROUTINE_NOTICES) {
    if (!kind.patterns.some((re) => re.test(text))) continue;
    if (kind.requires && !kind.requires.test(text)) continue;
    if (
      ALWAYS_DISQUALIFY.some((id) => flagIds.has(id) && !kind.exempt?.includes(id)) ||
      (flagIds.has('link') && !kind.linksOk)
    ) {
      mimic = true;
      continue;
    }
    if (kind.disqualifiedBy.some((id) => flagIds.has(id))) continue;
    if (kind.disqualifiedByText?.some((re) => re.test(text.replace(OFFICIAL_ACTION, '')))) continue;
    if (kind.id !== 'anti-fraud-reminder' && asksToCall(n, spans)) {
      mimic = true;
      continue;
    }
    return { id: kind.id, mimic: false };
  }
  return { mimic };
}

/** Options of {@link createChecker}. */
export interface CheckerOptions {
  /** The statistical model; `null` for rules only. Default: the committed model. */
  model?: CheckModel | null;
  /** Overrides of the combination thresholds (cross-validation tries alternatives). */
  tuning?: Partial<Tuning>;
}

/** The thresholds that combine rules and model. */
export interface Tuning {
  strongFlagWeight: number;
  modelWithFlag: number;
  modelAlone: number;
  modelConfirm: number;
  modelTypePoints: number;
}

const TUNING: Tuning = {
  strongFlagWeight: STRONG_FLAG_WEIGHT,
  modelWithFlag: MODEL_WITH_FLAG,
  modelAlone: MODEL_ALONE,
  modelConfirm: MODEL_CONFIRM,
  modelTypePoints: MODEL_TYPE_POINTS,
};

/** A checker function with its own model (tests and cross-validation use their own). */
export function createChecker(options: CheckerOptions = {}): (input: CheckInput | string) => CheckResult {
  const tuning = { ...TUNING, ...options.tuning };
  return (input) => check(input, options.model === undefined ? defaultModel() : options.model, tuning);
}

/** Checks a received message with the committed model. Accepts the text alone or a {@link CheckInput}. */
export function checkMessage(input: CheckInput | string): CheckResult {
  return check(input, defaultModel(), TUNING);
}

function check(input: CheckInput | string, model: CheckModel | null, tuning: Tuning): CheckResult {
  const raw = typeof input === 'string' ? input : input.text;
  const text = raw.length > MAX_CHECK_CHARS ? raw.slice(0, MAX_CHECK_CHARS) : raw;
  const n = normalize(text);
  const spans = findEntities(n);

  const hits: (FlagHit & { weight: number; at: number; family: string })[] = [];
  const seen = new Set<string>();
  const add = (def: RedFlagDef, from: number, to: number) => {
    if (seen.has(def.id)) return;
    const evidence = originalSpan(n, from, to);
    if (!evidence) return;
    seen.add(def.id);
    hits.push({ id: def.id, label: def.label, evidence, weight: def.weight, at: from, family: def.family });
  };
  for (const c of COMPILED) {
    if (c.def.fromLinks) continue;
    const span = findFlag(c, n.text);
    if (span) add(c.def, ...refineSpan(n.text, spans, span[0], span[1]));
  }
  for (const s of spans) {
    if (s.kind !== 'url') continue;
    for (const id of linkFlags(s.value)) {
      const def = redFlagById(id);
      if (def) add(def, s.from, s.to);
    }
  }

  const entities = toEntities(n, spans);
  const routine = routineOf(n, seen, spans);
  if (routine.id) return { verdict: 'no-signs', score: 0, redFlags: [], routine: routine.id, entities };

  // Forwarding is context only (who sent it is not a sign either way), so it does not
  // enter the score.
  const weights = hits.map((h) => h.weight);
  if (routine.mimic && hits.length > 0) weights.push(MIMIC_WEIGHT);
  let score = Math.round(noisyOr(weights) * 1000) / 1000;
  let verdict = verdictOf(score);
  const families = (min: number) => new Set(hits.filter((h) => h.weight >= min).map((h) => h.family)).size;
  if (verdict === 'suspicious' && families(tuning.strongFlagWeight) >= 2) verdict = 'scam';
  const prediction = contentLength(n.text) >= MODEL_MIN_CHARS ? model?.predict(n) : undefined;
  const p = prediction?.pScam ?? 0;
  if (verdict === 'no-signs' && hits.length > 0 && p >= tuning.modelWithFlag) verdict = 'suspicious';
  else if (verdict === 'no-signs' && hits.length === 0 && p >= tuning.modelAlone && prediction?.evidence) {
    const [from, to] = clauseAround(n.text, prediction.evidence);
    const evidence = originalSpan(n, from, to);
    if (evidence) {
      hits.push({ ...MODEL_FLAG, evidence, weight: 0, at: from, family: 'model' });
      verdict = 'suspicious';
    }
  } else if (verdict === 'suspicious' && p >= tuning.modelConfirm && families(0) >= 2) verdict = 'scam';
  // The score stays the rules' noisy-or, lifted to the verdict's threshold when the model
  // moved it, so score and verdict never disagree.
  if (verdict === 'suspicious') score = Math.max(score, SUSPICIOUS_AT);
  if (verdict === 'scam') score = Math.max(score, SCAM_AT);
  // Strongest first, then in reading order: the reply quotes the most telling sign first.
  hits.sort((a, b) => b.weight - a.weight || a.at - b.at);
  const redFlags: FlagHit[] = hits.map(({ id, label, evidence }) => ({ id, label, evidence }));
  const scamType =
    verdict === 'no-signs' ? undefined : typeOf(n.text, [...seen], prediction?.typeShares, tuning.modelTypePoints);
  return { verdict, score, redFlags, ...(scamType ? { scamType } : {}), entities };
}

/**
 * Rule typing points plus the model's vote: each type gets `modelPoints` × its share relative
 * to the model's favourite (the favourite gets all of them). The model's shares on unseen
 * wording are flat (0.1–0.4) but its ranking is right more often than the typing words
 * (71 % against 52 % on the old held-out set with a model trained without it), so the
 * ranking, not the raw share, is what counts.
 */
function typeOf(
  text: string,
  flagIds: string[],
  shares: Record<string, number> | undefined,
  modelPoints: number,
): string | undefined {
  const rules = scoreScamTypes(text, flagIds, 0);
  if (!shares) return rules.find((r) => r.score >= MIN_TYPE_SCORE)?.id;
  const ruleScore = new Map(rules.map((r) => [r.id, r.score]));
  const top = Math.max(...Object.values(shares));
  let best: string | undefined;
  let bestScore = 0;
  for (const t of SCAM_TYPES) {
    const total = (ruleScore.get(t.id) ?? 0) + (top > 0 ? (modelPoints * (shares[t.id] ?? 0)) / top : 0);
    if (total >= MIN_TYPE_SCORE && total > bestScore) {
      bestScore = total;
      best = t.id;
    }
  }
  return best;
}

/** Longest quote of the model's evidence: its clause, cut to this many characters. */
const MODEL_EVIDENCE_MAX = 40;

/** Widens a span to its clause (between punctuation), at most {@link MODEL_EVIDENCE_MAX}. */
function clauseAround(text: string, [from, to]: [number, number]): [number, number] {
  let a = from;
  let b = to;
  while (a > 0 && !CLAUSE_END.test(text[a - 1]) && to - a < MODEL_EVIDENCE_MAX / 2) a--;
  while (b < text.length && !CLAUSE_END.test(text[b]) && b - a < MODEL_EVIDENCE_MAX) b++;
  while (a < from && /\s/u.test(text[a])) a++;
  while (b > to && /\s/u.test(text[b - 1])) b--;
  return [a, b];
}

// The committed model, loaded on first use. Looked up beside this module (tsx, tests) and,
// from the compiled dist/check/, in the source tree (tsc does not copy JSON files).
const MODEL_FILES = ['./model/check-model.json', '../../src/check/model/check-model.json'];
let loaded: CheckModel | null | undefined;

/** The committed model, loaded once; null when no model file is present (rules only). */
export function defaultModel(): CheckModel | null {
  if (loaded !== undefined) return loaded;
  for (const rel of MODEL_FILES) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(url)) continue;
    try {
      loaded = loadCheckModel(JSON.parse(readFileSync(url, 'utf8')) as CheckModelData);
      return loaded;
    } catch (err) {
      throw new Error(`cannot load the check model ${url.pathname}`, { cause: err });
    }
  }
  // No model file (e.g. before the first `npm run train:check`): rules only.
  loaded = null;
  return loaded;
}

/**
 * Runs the checker once over the taxonomy's example messages, so that the first real
 * message does not pay for compiling the patterns (tens of milliseconds in all). Call at
 * start-up (bot, engine); optional.
 */
export function warmUpChecker(): void {
  for (const t of SCAM_TYPES) checkMessage(t.exampleMessage);
  checkMessage('Your verification code is 123456. Do not share it. http://t.cn/x 加微信 kefu_123');
}
