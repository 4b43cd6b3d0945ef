/**
 * `npm run ask -- "问题"`: prints the answer. `--json` prints one JSON object; with
 * `--json` and no question, questions are read one per line from stdin and answered one
 * JSON object per line. The index is built first when missing or stale.
 */
import { createInterface } from 'node:readline';
import type { Answer } from '../answer/types.js';
import { loadConfig } from '../config.js';
import { prefetchIndex } from '../index/prefetch.js';
import { runCli, UsageError } from './run.js';

/** The JSON shape of an answer on stdout. */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    answer: a.text,
    citations: a.citations.map((c) => ({
      n: c.n,
      source: c.source,
      title: c.title,
      text: c.text,
      score: Number(c.score.toFixed(4)),
      kind: c.kind,
      ...(c.section ? { section: c.section } : {}),
    })),
    scamTypes: a.scamTypes,
    inScope: a.inScope,
    language: a.language,
    mode: a.mode,
    /** The checker's verdict when the input was treated as a message; null for a question. */
    verdict: a.verdict,
    intent: a.intent,
    sections: a.sections.map((s) => ({
      kind: s.kind,
      heading: s.heading ?? null,
      lines: s.lines.map((l) => ({ text: l.text, cites: l.cites })),
    })),
    ...(a.check ? { check: a.check } : {}),
  };
}

async function main({
  values,
  positionals,
}: {
  values: { json?: boolean; lang?: string; record?: boolean };
  positionals: string[];
}): Promise<number> {
  const question = positionals.join(' ').trim();
  if (!question && !values.json) throw new UsageError('no question given');
  const config = loadConfig(process.env);
  // Cold start (issue 11): the index files are read and hashed in worker threads from
  // here on, while the engine's modules load (imported only now, for that reason) and the
  // seeds are checked; loadIndex then finds the work under way or done.
  prefetchIndex(config.dataDir);
  const [{ answer }, { setupEngine }] = await Promise.all([
    import('../answer/engine.js'),
    import('../answer/setup.js'),
  ]);
  const { deps, report } = await setupEngine(config);
  if (!report.upToDate)
    process.stderr.write(`(index built: ${report.articles} articles, ${report.passages} passages)\n`);
  // --lang zh-hk picks Hong Kong wording for Traditional answers (default Taiwan).
  const opts = { maxQuestionChars: config.maxQuestionChars, languageCode: values.lang };
  // --record: into the same record as the bot (for demos and tests), never by default.
  const record = values.record
    ? await Promise.all([import('../record/open.js'), import('../record/from-answer.js')])
    : undefined;
  const recorder = record?.[0].openRecorder(config);
  const ask = async (q: string) => {
    const a = await answer(q, deps, opts);
    if (recorder && record) recorder.record(record[1].interactionOf(a, 'question'));
    return a;
  };
  try {
    if (question) {
      const a = await ask(question);
      console.log(values.json ? JSON.stringify(answerJson(a)) : a.text);
      return 0;
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line.trim()) continue;
      console.log(JSON.stringify(answerJson(await ask(line))));
    }
    return 0;
  } finally {
    recorder?.close();
  }
}

await runCli({
  name: 'ask',
  summary:
    'Answers one question and prints the answer as text. With --json and no question, reads one question per stdin line and prints one JSON object per line. The index is built first when missing or stale.',
  args: '[QUESTION]',
  options: {
    json: { type: 'boolean', description: 'print the answer as one JSON object' },
    lang: {
      type: 'string',
      description: "the user's language code, e.g. zh-hk for Hong Kong wording of Traditional answers (default Taiwan)",
    },
    record: {
      type: 'boolean',
      description: 'also record the question in the operator record (DATA_DIR/record.db), as the bot does',
    },
  },
  notes: 'Examples:\n  npm run ask -- "什么是杀猪盘？"\n  npm run ask -- --json < questions.txt',
  main,
});
