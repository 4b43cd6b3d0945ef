/**
 * Optional LLM rewriting of an extractive answer. The model sees only the cited passages
 * (delimited, marked untrusted) and must cite them as [n]; its output is validated:
 * unknown markers are removed, an answer without any valid citation is rejected, length
 * is capped, and any error or a timeout falls back to the extractive answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { withMarkers } from './render.js';
import type { Answer, AnswerSection } from './types.js';

/** The prompt templates, read from the prompts/ directory. */
export interface Prompts {
  system: string;
  user: string;
}

/** Reads prompts/answer-system.md and prompts/answer-user.md. */
export function loadPrompts(dir: string): Prompts {
  try {
    return { system: readFileSync(join(dir, 'answer-system.md'), 'utf8'), user: readFileSync(join(dir, 'answer-user.md'), 'utf8') };
  } catch (err) {
    throw new Error(`Prompt templates missing in ${dir} (answer-system.md, answer-user.md): restore them from the repository.`, { cause: err });
  }
}

/** Longest LLM answer kept, in characters (Telegram messages are 4096 at most). */
export const MAX_LLM_CHARS = 1500;

const LANGUAGE_NAMES = { 'zh-Hans': 'Simplified Chinese (简体中文)', 'zh-Hant': 'Simplified Chinese (it will be converted to Traditional)', en: 'English' } as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/**
 * Checks the model's text against the citations it was given. Returns the cleaned text
 * and the citation numbers it uses, or a reason to reject it.
 */
export function validateLlmText(text: string, allowed: Set<number>): { text: string; cites: number[] } | { reason: string } {
  let cleaned = text.replace(/\r/g, '').trim();
  const used = new Set<number>();
  cleaned = cleaned.replace(/\[(\d{1,2})\]/g, (m, d: string) => {
    const n = Number(d);
    if (!allowed.has(n)) return '';
    used.add(n);
    return m;
  });
  if (used.size === 0) return { reason: 'no valid citation in the model answer' };
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
    new SystemMessage(fill(prompts.system, { language: LANGUAGE_NAMES[draft.language], maxChars: String(MAX_LLM_CHARS) })),
    new HumanMessage(fill(prompts.user, { question: draft.question, passages, draft: draftText })),
  ];
  let content: string;
  try {
    const res = await model.invoke(messages, { signal: AbortSignal.timeout(timeoutMs), timeout: timeoutMs });
    content = typeof res.content === 'string' ? res.content : res.content.map((p) => ('text' in p ? p.text : '')).join('');
  } catch (err) {
    const name = (err as Error).name;
    return { fallback: name === 'TimeoutError' || name === 'AbortError' || /timeout|aborted/i.test(String((err as Error).message)) ? 'LLM timeout' : `LLM error: ${(err as Error).message}` };
  }
  const checked = validateLlmText(content, new Set(draft.citations.map((c) => c.n)));
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
