/** Checks that a string is HTML Telegram accepts: known tags, balanced, entities escaped. */
export function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const allowed = new Set([
    'b',
    'strong',
    'i',
    'em',
    'u',
    'ins',
    's',
    'strike',
    'del',
    'a',
    'code',
    'pre',
    'blockquote',
    'tg-spoiler',
    'span',
  ]);
  const stack: string[] = [];
  const re = /<(\/?)([a-z-]+)[^>]*>|&(?!(amp|lt|gt|quot);)|<(?![a-z/])/gi;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith('&')) {
      problems.push(`unescaped & at ${m.index}`);
      continue;
    }
    if (!m[2]) {
      problems.push(`stray < at ${m.index}`);
      continue;
    }
    const tag = m[2].toLowerCase();
    if (!allowed.has(tag)) problems.push(`tag <${tag}> not allowed`);
    if (m[1]) {
      if (stack.pop() !== tag) problems.push(`unbalanced </${tag}>`);
    } else stack.push(tag);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(',')}`);
  return problems;
}
