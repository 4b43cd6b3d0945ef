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

/**
 * A case as one story: one marker at the end when its passages share one citation (a
 * story over several passages), else a marker after each passage's run, one per line.
 */
export function caseText(lines: AnswerLine[]): string {
  const same = lines.every((l) => l.cites.join() === lines[0].cites.join());
  if (same) return withMarkers({ text: lines.map((l) => l.text).join(''), cites: lines[0].cites });
  return lines.map(withMarkers).join('\n');
}

/** Numbers of the citations an answer quotes whole in a case (listed without a quote). */
export function quotedInCase(a: Answer): Set<number> {
  return new Set(a.sections.filter((s) => s.kind === 'case').flatMap((s) => s.lines.flatMap((l) => l.cites)));
}

/** Renders an in-scope answer as plain text: sections, next steps, then sources. */
export function renderPlainText(a: Answer): string {
  const lang = baseLang(a.language);
  const parts: string[] = [];
  for (const s of a.sections) {
    if (!s.heading) parts.push(s.lines.map(withMarkers).join('\n'));
    else if (s.kind === 'case') parts.push(`${s.heading}\n${caseText(s.lines)}`);
    else parts.push(`${s.heading}\n${s.lines.map((l) => `• ${withMarkers(l)}`).join('\n')}`);
  }
  if (a.nextSteps) parts.push(a.nextSteps);
  if (a.citations.length) {
    // Corner brackets: the passages often contain “…” quotes of their own.
    const quote = (c: Answer['citations'][number]) =>
      /[\u3400-\u9fff]/u.test(c.text) ? `「${c.text}」` : `"${c.text}"`;
    // The guide's items are quoted whole in the answer: one line per page lists their numbers.
    const lines: string[] = [];
    const pages = new Map<string, number[]>();
    // A case is quoted whole in the answer: its source is listed without the quote again.
    const inCase = quotedInCase(a);
    for (const c of a.citations) {
      if (c.kind === 'guide') {
        if (!pages.has(c.source)) {
          pages.set(c.source, []);
          lines.push(c.source);
        }
        pages.get(c.source)!.push(c.n);
      } else if (inCase.has(c.n)) lines.push(`[${c.n}] 《${c.title}》（${c.source}）`);
      else lines.push(`[${c.n}] 《${c.title}》（${c.source}）\n    ${quote(c)}`);
    }
    const guideLine = (source: string) => {
      const ns = pages.get(source)!;
      const c = a.citations.find((x) => x.source === source)!;
      return `${ns.map((n) => `[${n}]`).join('')} 《${c.title}》（${source}）`;
    };
    parts.push(`${SOURCES_HEADING[lang]}\n${lines.map((l) => (pages.has(l) ? guideLine(l) : l)).join('\n')}`);
  }
  return parts.join('\n\n');
}
