/**
 * Plain-text rendering of an answer, used by the CLI, the JSON output and as the LLM's
 * draft. The bot renders the same structure as Telegram HTML (src/bot/render-html.ts).
 */
import { baseLang, SOURCES_HEADING } from './i18n.js';
import type { Answer, AnswerLine } from './types.js';

/** `text [1][2]`: a line with its citation markers. */
export function withMarkers(line: AnswerLine): string {
  return line.cites.length ? `${line.text} ${line.cites.map((n) => `[${n}]`).join('')}` : line.text;
}

/** Renders an in-scope answer as plain text: sections, next steps, then sources. */
export function renderPlainText(a: Answer): string {
  const lang = baseLang(a.language);
  const parts: string[] = [];
  for (const s of a.sections) {
    if (s.kind === 'gist' || !s.heading) parts.push(s.lines.map(withMarkers).join('\n'));
    else parts.push(`${s.heading}\n${s.lines.map((l) => `• ${withMarkers(l)}`).join('\n')}`);
  }
  if (a.nextSteps) parts.push(a.nextSteps);
  if (a.citations.length) {
    // Corner brackets: the passages often contain “…” quotes of their own.
    const open = lang === 'en' ? '"' : '「';
    const close = lang === 'en' ? '"' : '」';
    parts.push(
      `${SOURCES_HEADING[lang]}\n${a.citations.map((c) => `[${c.n}] 《${c.title}》（${c.source}）\n    ${open}${c.text}${close}`).join('\n')}`,
    );
  }
  return parts.join('\n\n');
}
