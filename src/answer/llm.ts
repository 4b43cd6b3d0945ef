/**
 * Optional LLM rewriting of an extractive answer. The model sees only the cited passages
 * (delimited, marked untrusted) and must cite them as [n]. Its output is untrusted too and
 * validated sentence by sentence (see {@link validateLlmText}): an anti-fraud bot must never
 * relay fraud advice, whether a prompt injection or a hallucination put it there. Any
 * failure, error or timeout falls back to the extractive answer, with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { stripInvisible } from '../text/normalize.js';
import { normalizeForSearch, toHalfWidth } from '../text/script.js';
import { findActs, isAdviceClause } from '../text/unsafe-advice.js';
import { withMarkers } from './render.js';
import type { Answer, AnswerSection } from './types.js';

/** Settings of {@link createChatModel} (the `llm` part of the configuration, when enabled). */
export interface ChatModelSettings {
  provider: 'openai' | 'ollama';
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/**
 * Builds the optional chat model with LangChain's `initChatModel`. Both providers go
 * through the OpenAI-compatible protocol (Ollama serves it under /v1), so no extra provider
 * package is needed. Retries are off: a slow or failing model falls back to the extractive
 * answer at once instead of making the person wait. Never contacts the server itself.
 */
export async function createChatModel(s: ChatModelSettings): Promise<BaseChatModel> {
  const { initChatModel } = await import('langchain/chat_models/universal');
  const model = await initChatModel(s.model, {
    modelProvider: 'openai',
    apiKey: s.apiKey,
    configuration: { baseURL: s.baseURL },
    // Low temperature: the model rephrases passages, it should not invent.
    temperature: 0.2,
    maxRetries: 0,
    timeout: s.timeoutMs,
  });
  return model as unknown as BaseChatModel;
}

/** The prompt templates, read from the prompts/ directory. */
export interface Prompts {
  system: string;
  user: string;
}

/** Reads prompts/answer-system.md and prompts/answer-user.md. */
export function loadPrompts(dir: string): Prompts {
  try {
    return {
      system: readFileSync(join(dir, 'answer-system.md'), 'utf8'),
      user: readFileSync(join(dir, 'answer-user.md'), 'utf8'),
    };
  } catch (err) {
    throw new Error(
      `Prompt templates missing in ${dir} (answer-system.md, answer-user.md): restore them from the repository.`,
      { cause: err },
    );
  }
}

/** Longest LLM answer kept, in characters (Telegram messages are 4096 at most). */
export const MAX_LLM_CHARS = 1500;

const LANGUAGE_NAMES = {
  'zh-Hans': 'Simplified Chinese (简体中文)',
  'zh-Hant': 'Simplified Chinese (it will be converted to Traditional)',
  en: 'English',
} as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/**
 * Least share of a cited sentence's units (Chinese character bigrams, English words) that
 * must occur in the passages it cites. A faithful paraphrase of Chinese keeps most
 * bigrams (measured on the golden answers' passages: rewordings such as 骗子在境外以交友为名骗钱
 * of a 杀猪盘 passage keep 0.6–0.9); an invented or off-topic sentence (今天天气很好) keeps
 * almost none. 0.5 rejects the latter with a wide margin and tolerates light rewording.
 */
export const MIN_SENTENCE_SUPPORT = 0.5;
/**
 * A negated piece of advice (不要转账) is only accepted when the passages say it: the
 * clause must be this well supported. Higher than {@link MIN_SENTENCE_SUPPORT} because a
 * wrongly negated or un-negated act is the most harmful error an answer can make.
 */
export const MIN_ADVICE_SUPPORT = 0.8;
/** A sentence without a citation may only be a short lead-in ending in a colon ("要点："). */
export const MAX_UNCITED_CHARS = 12;

// Marker-like forms models write: [1] ［1］ 【1】 〔1〕 [ 1 ] [^1] [1,2] [1、2] [1-3] [1][2].
const MARKER_LIKE = /[[［【〔]\s*\^?\s*(\d{1,4}(?:\s*[,，、;；\-–~]\s*\^?\d{1,4})*)\s*[\]］】〕]/gu;
// Anything left that still looks like a citation (a bracketed number with extra text).
const MALFORMED_MARKER = /[[［【〔][^\]］】〕\n]{0,6}\d[^\]］】〕\n]{0,6}[\]］】〕]/u;
const LINK =
  /https?:\/\/\S+|www\.\S+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|io|me|app|info|co|hk|tw|shop|site|online|link)\b\S*|[\w.+-]+@[\w-]+\.[\w.]+|@\w{3,}/giu;
const DIGIT_RUN = /\d(?:[\d\s\-–.,，]*\d)?/gu;
const EN_STOP = new Set(
  'the a an and or of to in on for is are be was were it its this that with as by at from your you they them their not no do does if can will may should must have has been any all'.split(
    ' ',
  ),
);

/** Units of a text for the support measure: Han character bigrams (or single Han) and English words. */
function units(text: string): { han: string[]; latin: string[] } {
  const n = normalizeForSearch(text);
  const han: string[] = [];
  for (const run of n.match(/[\u3400-\u9fff]+/gu) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) han.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) han.push(chars[i] + chars[i + 1]);
  }
  const latin = (n.match(/[a-z]{3,}/gu) ?? []).filter((w) => !EN_STOP.has(w));
  return { han, latin };
}

/** Share of `sentence`'s units present in `source`; null when the sentence has none of the kinds the source has. */
export function support(sentence: string, source: string): number | null {
  const s = units(sentence);
  const src = units(source);
  const hanSet = new Set(src.han);
  const latinSet = new Set(src.latin.map(stem));
  let total = 0;
  let found = 0;
  if (s.han.length) {
    total += s.han.length;
    found += s.han.filter((u) => hanSet.has(u)).length;
  }
  if (s.latin.length && latinSet.size) {
    total += s.latin.length;
    found += s.latin.filter((w) => latinSet.has(stem(w))).length;
  } else if (s.latin.length && !s.han.length) return null;
  return total === 0 ? 1 : found / total;
}

function stem(w: string): string {
  return w.replace(/(ing|ed|es|s)$/u, '');
}

/** Puts citation markers that follow a sentence end before it, so each stays with its sentence. */
function markersBeforeEnd(text: string): string {
  return text.replace(
    /([。！？!?；;])(\s*(?:\[\d+\]\s*)+)/gu,
    (_, end: string, marks: string) => `${marks.trim()}${end}`,
  );
}

function digitsOnly(s: string): string {
  return s.replace(/\D/gu, '');
}

/** Why the sentence must not be shown, or null. `cited` is the text of the passages it cites. */
function checkSentence(sentence: string, cited: string, all: string): string | null {
  const plain = sentence.replace(/\[\d+\]/gu, '').trim();
  const quote = `“${plain.length > 30 ? `${plain.slice(0, 30)}…` : plain}”`;
  const norm = toHalfWidth(plain);
  // Every number (amount, account, phone, date) must be one the passages print; list
  // numbering at the start of a line (1. 2、) is layout, not a number.
  const sourceNumbers = new Set((toHalfWidth(cited || all).match(DIGIT_RUN) ?? []).map(digitsOnly));
  for (const run of norm.replace(/^\s*\d{1,2}[.、)）]\s*/u, '').match(DIGIT_RUN) ?? []) {
    if (!sourceNumbers.has(digitsOnly(run))) return `number ${run.trim()} not in the cited passages: ${quote}`;
  }
  const sourceLower = toHalfWidth(cited || all).toLowerCase();
  for (const link of norm.match(LINK) ?? []) {
    if (!sourceLower.includes(link.toLowerCase().replace(/[。，,.）)]+$/u, '')))
      return `link or account ${link} not in the cited passages: ${quote}`;
  }
  for (const act of findActs(plain)) {
    if (act.id === 'secrecy') return `advice to ${act.label}: ${quote}`;
    // An act the reader is told to do is refused outright; so is anything about a 安全账户
    // that is not a negation. A plain statement (网购付款不离开正规平台) or a negated advice
    // (不要转账) passes only when the cited passages say it.
    if (!act.negated && (isAdviceClause(act.clause) || /安全账户/u.test(act.clause)))
      return `advice to ${act.label}: ${quote}`;
    const backed = support(act.clause, cited);
    if (backed === null || backed < MIN_ADVICE_SUPPORT)
      return `advice (${act.label}) not stated in the cited passages: ${quote}`;
  }
  if (!cited) {
    if (Array.from(plain).length > MAX_UNCITED_CHARS || !/[:：]$/u.test(plain))
      return `sentence without a citation: ${quote}`;
    return null;
  }
  const share = support(plain, cited);
  if (share === null) return `sentence in another language than its passages cannot be verified: ${quote}`;
  if (share < MIN_SENTENCE_SUPPORT)
    return `sentence not supported by its passages (${share.toFixed(2)} < ${MIN_SENTENCE_SUPPORT}): ${quote}`;
  return null;
}

/**
 * Checks the model's text against the passages it was given (`passages`: citation number →
 * passage text). Every marker-like form is normalised to [n] (unknown numbers removed);
 * then each sentence must be supported by the passages it cites, contain no number, link
 * or account that they lack, and give no advice to transfer, pay, install, share a code or
 * keep a secret (a negated advice only when the passages say it). Returns the cleaned text
 * and the citation numbers it uses, or the first reason to reject it.
 */
export function validateLlmText(
  text: string,
  passages: Map<number, string>,
): { text: string; cites: number[] } | { reason: string } {
  let cleaned = stripInvisible(text).replace(/\r/g, '').trim();
  const used = new Set<number>();
  cleaned = cleaned.replace(MARKER_LIKE, (_m, list: string) => {
    const nums: number[] = [];
    for (const part of list.split(/\s*[,，、;；]\s*/u)) {
      const range = /^\^?(\d+)\s*[-–~]\s*\^?(\d+)$/u.exec(part);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        if (b >= a && b - a < 10) for (let n = a; n <= b; n++) nums.push(n);
      } else nums.push(Number(part.replace(/\D/gu, '')));
    }
    const valid = nums.filter((n) => passages.has(n));
    for (const n of valid) used.add(n);
    return valid.map((n) => `[${n}]`).join('');
  });
  if (MALFORMED_MARKER.test(cleaned.replace(/\[\d+\]/gu, '')))
    return { reason: 'malformed citation marker in the model answer' };
  if (used.size === 0) return { reason: 'no valid citation in the model answer' };
  cleaned = markersBeforeEnd(cleaned);
  const all = [...passages.values()].join('\n');
  for (const sentence of cleaned.split(/(?<=[。！？!?；;\n])|(?<=\.)\s+/u)) {
    if (/^[\s\p{P}\p{S}]*(\d{1,2}[.、)）]?)?[\s\p{P}\p{S}]*$/u.test(sentence)) continue;
    const cites = [...sentence.matchAll(/\[(\d+)\]/gu)].map((m) => Number(m[1]));
    const cited = cites.map((n) => passages.get(n) ?? '').join('\n');
    const why = checkSentence(sentence, cited, all);
    if (why) return { reason: `unsafe model answer: ${why}` };
  }
  if (Array.from(cleaned).length > MAX_LLM_CHARS) {
    const cut = Array.from(cleaned).slice(0, MAX_LLM_CHARS).join('');
    const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('\n'), cut.lastIndexOf('. '));
    cleaned = end > MAX_LLM_CHARS / 2 ? cut.slice(0, end + 1) : `${cut}…`;
  }
  return { text: cleaned.replace(/[ \t]+\n/g, '\n'), cites: [...used].sort((a, b) => a - b) };
}

/** Rewrites `draft` with the model, or says why the extractive answer stands. */
export async function rewriteWithLlm(
  draft: Answer,
  model: BaseChatModel,
  prompts: Prompts,
  timeoutMs: number,
): Promise<{ answer: Answer } | { fallback: string }> {
  const passages = draft.citations.map((c) => `[${c.n}] (${c.title})\n${c.text}`).join('\n\n');
  const draftText = draft.sections.map((s) => s.lines.map(withMarkers).join('\n')).join('\n');
  const messages = [
    new SystemMessage(
      fill(prompts.system, { language: LANGUAGE_NAMES[draft.language], maxChars: String(MAX_LLM_CHARS) }),
    ),
    new HumanMessage(fill(prompts.user, { question: draft.question, passages, draft: draftText })),
  ];
  let content: string;
  try {
    const res = await model.invoke(messages, { signal: AbortSignal.timeout(timeoutMs), timeout: timeoutMs });
    content =
      typeof res.content === 'string' ? res.content : res.content.map((p) => ('text' in p ? p.text : '')).join('');
  } catch (err) {
    const name = (err as Error).name;
    return {
      fallback:
        name === 'TimeoutError' || name === 'AbortError' || /timeout|aborted/i.test(String((err as Error).message))
          ? 'LLM timeout'
          : `LLM error: ${(err as Error).message}`,
    };
  }
  const checked = validateLlmText(content, new Map(draft.citations.map((c) => [c.n, c.text])));
  if ('reason' in checked) return { fallback: checked.reason };
  const section: AnswerSection = { kind: 'facts', lines: [{ text: checked.text, cites: [] }] };
  const gist = draft.sections.find((s) => s.kind === 'flags');
  return {
    answer: {
      ...draft,
      sections: gist ? [gist, section] : [section],
      citations: draft.citations.filter((c) => checked.cites.includes(c.n)),
      mode: 'llm',
    },
  };
}
