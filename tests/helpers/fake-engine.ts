/**
 * A fake answering engine for bot unit tests: no index, no retrieval. It records what the
 * bot asked and answers with a small, predictable Answer that quotes the question, so a
 * test can check that the bot sends the engine's answer (and what it passed to it)
 * without depending on what retrieval finds. End-to-end tests use the real engine.
 */
import type { AnswerOptions } from '../../src/answer/engine.js';
import type { Answer } from '../../src/answer/types.js';
import type { BotEngine } from '../../src/bot/deps.js';
import type { CheckInput } from '../../src/check/types.js';
import type { Language } from '../../src/retrieval/query.js';
import type { SourceLookup, SourceView } from '../../src/retrieval/sources.js';

/** The one passage the fake cites; {@link fakeSources} knows it. */
export const FAKE_PASSAGE_ID = '0123456789abcdef';
/** Marks a declined question in the fake: questions containing it are "off-topic". */
export const OFF_TOPIC_MARK = '天气';
export const FAKE_DECLINE = '这个问题不在我的范围内。遇到诈骗请拨打96110。';

/** The fake's answer to `question`: a quote of it with one citation, or a decline. */
export function fakeAnswer(question: string, opts: AnswerOptions = {}): Answer {
  const max = opts.maxQuestionChars ?? 2000;
  const truncated = question.length > max;
  const q = truncated ? question.slice(0, max) : question;
  const language: Language =
    opts.language ?? (/[a-z]{3}/i.test(q) ? 'en' : /[麼騙詐點]/u.test(q) ? 'zh-Hant' : 'zh-Hans');
  const base = { question: q, language, scamTypes: [], truncated, ms: 1, intent: 'general' as const, verdict: null };
  if (q.includes(OFF_TOPIC_MARK))
    return { ...base, inScope: false, sections: [], citations: [], text: FAKE_DECLINE, mode: 'declined' };
  return {
    ...base,
    inScope: true,
    mode: 'extractive',
    text: `${truncated ? `（只看了前${max}个字）\n\n` : ''}回答：${q}`,
    sections: [{ kind: 'facts', heading: '要点', lines: [{ text: `回答：${q}`, cites: [1] }] }],
    citations: [
      {
        n: 1,
        source: 'fake.txt',
        title: '假文章',
        text: '引文',
        score: 1,
        passageId: FAKE_PASSAGE_ID,
        paragraphIndex: 0,
        kind: 'news',
      },
    ],
  };
}

/** A recording fake engine; `respond` overrides the answer (e.g. to fail). */
export function fakeEngine(respond: (text: string, opts: AnswerOptions) => Promise<Answer> | Answer = fakeAnswer) {
  const calls: { kind: 'answer' | 'check'; text: string; opts: AnswerOptions; input?: CheckInput }[] = [];
  const engine: BotEngine = {
    async answer(text, opts) {
      calls.push({ kind: 'answer', text, opts });
      return respond(text, opts);
    },
  };
  return { engine, calls };
}

/** The passage view the fake's citation opens. */
export const FAKE_VIEW: SourceView = {
  title: '全民攻坚凝聚反电诈合力',
  source: 'fake.txt',
  paragraph: '前文。杀猪盘是一种网络交友诈骗。后文。',
  start: 3,
  end: 15,
};

/** A source lookup that knows only {@link FAKE_PASSAGE_ID}. */
export const fakeSources: SourceLookup = { view: (id) => (id === FAKE_PASSAGE_ID ? FAKE_VIEW : undefined) };
