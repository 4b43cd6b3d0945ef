/**
 * `npm run ask -- "问题"`: prints the answer. `--json` prints one JSON object; with
 * `--json` and no question, questions are read one per line from stdin and answered one
 * JSON object per line. The index is built first when missing or stale.
 */
import '../load-env.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answer } from '../answer/engine.js';
import { setupEngine } from '../answer/setup.js';
import type { Answer } from '../answer/types.js';
import { ConfigError, loadConfig } from '../config.js';

/** The JSON shape of an answer on stdout. */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    answer: a.text,
    citations: a.citations.map((c) => ({ n: c.n, source: c.source, title: c.title, text: c.text, score: Number(c.score.toFixed(4)) })),
    scamTypes: a.scamTypes,
    inScope: a.inScope,
    language: a.language,
    mode: a.mode,
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const config = loadConfig(process.env);
  const { deps, report } = await setupEngine(config);
  if (!report.upToDate) process.stderr.write(`(index built: ${report.articles} articles, ${report.passages} passages)\n`);
  const opts = { maxQuestionChars: config.maxQuestionChars };
  const question = positionals.join(' ').trim();
  if (question) {
    const a = await answer(question, deps, opts);
    console.log(values.json ? JSON.stringify(answerJson(a)) : a.text);
    return 0;
  }
  if (!values.json) {
    console.error('Usage: npm run ask -- "你的问题"   (or: npm run ask -- --json < questions.txt)');
    return 2;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    console.log(JSON.stringify(answerJson(await answer(line, deps, opts))));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `ask failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
