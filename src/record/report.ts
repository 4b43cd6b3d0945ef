/**
 * The operator report: what people asked, what the bot could not answer, which answers
 * were voted down and why, ending with the topics worth an article. Pure: takes what the
 * recorder read and returns data; {@link renderReport} turns it into text for the CLI and
 * the /stats command.
 */
import { normalizeForSearch } from '../text/script.js';
import { words } from '../text/tokenize.js';
import { LOW_CONFIDENCE } from './from-answer.js';
import { MASKS } from './mask.js';
import type { StoredInteraction, StoredVote, VoteReason } from './types.js';

/** A declined-question group needs this many questions to become a suggested topic. */
const TOPIC_MIN_QUESTIONS = 2;
/** Rows shown per list in the text rendering. */
const LIST_LIMIT = 10;

/** A label and how often it occurred. */
export interface Count {
  key: string;
  count: number;
}

/** Declined questions that share a term. */
export interface DeclinedGroup {
  term: string;
  count: number;
  examples: string[];
}

/** The report's data. */
export interface Report {
  since: string;
  until: string;
  total: number;
  users: number;
  perDay: Count[];
  sources: Count[];
  languages: Count[];
  outcomes: Count[];
  intents: Count[];
  scamTypes: Count[];
  verdicts: Count[];
  redFlags: Count[];
  votes: { up: number; down: number };
  declined: DeclinedGroup[];
  downvoted: {
    id: string;
    question: string | null;
    intent: string | null;
    scamType: string | null;
    down: number;
    reasons: Count[];
  }[];
  lowestScoring: { id: string; question: string | null; confidence: number }[];
  topics: string[];
}

function count(values: (string | null | undefined)[]): Count[] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const PLACEHOLDERS = new Set(Object.values(MASKS).map((m) => m.slice(1, -1)));
// Question words say how people ask, not what about: never a topic.
const QUESTION_WORDS = new Set([
  '怎么样',
  '怎么办',
  '是不是',
  '为什么',
  '可不可以',
  '有没有',
  '真的吗',
  '什么样',
  '请问',
  '一下',
]);
const EN_STOP = new Set(
  'the a an is are was were be to of in on for and or my me i you it this that what how do does can with from at by about as have has get got not no'.split(
    ' ',
  ),
);

/** Content terms of a (masked) question, for grouping. */
function terms(text: string): string[] {
  const n = normalizeForSearch(text);
  const zh = words(n).filter(
    (w) => w.length >= 2 && !PLACEHOLDERS.has(w) && !QUESTION_WORDS.has(w) && !/^\d+$/u.test(w),
  );
  const en = (n.match(/[a-z]{3,}/gu) ?? []).filter((w) => !EN_STOP.has(w));
  return [...new Set([...zh, ...en])];
}

/**
 * Groups declined questions by their most shared term, greedily: the term found in most
 * questions forms the first group, its questions are removed, and so on.
 */
export function groupDeclined(questions: string[]): DeclinedGroup[] {
  let rest = questions.map((q) => ({ q, t: new Set(terms(q)) }));
  const groups: DeclinedGroup[] = [];
  while (rest.length > 0) {
    const df = new Map<string, number>();
    for (const r of rest) for (const t of r.t) df.set(t, (df.get(t) ?? 0) + 1);
    const best = [...df].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0];
    if (!best) {
      groups.push({ term: '', count: rest.length, examples: rest.slice(0, 3).map((r) => r.q) });
      break;
    }
    const inGroup = rest.filter((r) => r.t.has(best[0]));
    groups.push({ term: best[0], count: inGroup.length, examples: inGroup.slice(0, 3).map((r) => r.q) });
    rest = rest.filter((r) => !r.t.has(best[0]));
  }
  return groups;
}

/** Builds the report for interactions between `since` and `until`. */
export function buildReport(
  data: { interactions: StoredInteraction[]; votes: StoredVote[] },
  since: Date,
  until = new Date(),
): Report {
  const rows = data.interactions.filter((i) => i.ts >= since.getTime() && i.ts <= until.getTime());
  const byId = new Map(rows.map((r) => [r.id, r]));
  const votes = data.votes.filter((v) => byId.has(v.interactionId));
  const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);

  const declinedQuestions = rows.filter((r) => r.outcome === 'declined' && r.text).map((r) => r.text as string);
  const declined = groupDeclined(declinedQuestions);

  const downBy = new Map<string, { down: number; reasons: VoteReason[] }>();
  for (const v of votes) {
    if (v.vote !== -1) continue;
    const d = downBy.get(v.interactionId) ?? { down: 0, reasons: [] };
    d.down++;
    if (v.reason) d.reasons.push(v.reason);
    downBy.set(v.interactionId, d);
  }
  // Votes were filtered to interactions of the period, so every id is in byId.
  const downvoted = [...downBy]
    .flatMap(([id, d]) => {
      const r = byId.get(id);
      return r
        ? [{ id, question: r.text, intent: r.intent, scamType: r.scamType, down: d.down, reasons: count(d.reasons) }]
        : [];
    })
    .sort((a, b) => b.down - a.down);

  const lowestScoring = rows
    .filter((r) => (r.outcome === 'answered' || r.outcome === 'low-confidence') && r.confidence !== null)
    .sort((a, b) => (a.confidence ?? 0) - (b.confidence ?? 0))
    .filter((r) => (r.confidence ?? 1) < LOW_CONFIDENCE)
    .map((r) => ({ id: r.id, question: r.text, confidence: r.confidence as number }));

  // Topics: what people ask that the bot declines, then types whose answers were voted
  // down or scored low — each is a gap an article or guide page could fill.
  const topics = [
    ...declined.filter((g) => g.term && g.count >= TOPIC_MIN_QUESTIONS).map((g) => g.term),
    ...count([
      ...downvoted.map((d) => d.scamType ?? d.intent),
      ...lowestScoring.map((l) => byId.get(l.id)?.scamType),
    ]).map((c) => c.key),
  ];

  return {
    since: since.toISOString(),
    until: until.toISOString(),
    total: rows.length,
    users: new Set(rows.map((r) => r.userHash).filter(Boolean)).size,
    perDay: count(rows.map((r) => day(r.ts))).sort((a, b) => a.key.localeCompare(b.key)),
    sources: count(rows.map((r) => r.source)),
    languages: count(rows.map((r) => r.language)),
    outcomes: count(rows.map((r) => r.outcome)),
    intents: count(rows.map((r) => r.intent)),
    scamTypes: count(rows.map((r) => r.scamType)),
    verdicts: count(rows.map((r) => r.verdict)),
    redFlags: count(rows.flatMap((r) => r.redFlags)),
    votes: { up: votes.filter((v) => v.vote === 1).length, down: votes.filter((v) => v.vote === -1).length },
    declined,
    downvoted,
    lowestScoring,
    topics: [...new Set(topics)],
  };
}

function list(title: string, items: Count[]): string[] {
  if (items.length === 0) return [];
  return [title, ...items.slice(0, LIST_LIMIT).map((c) => `  ${c.key}: ${c.count}`)];
}

/** Renders the report as plain text (the CLI and the /stats command). */
export function renderReport(r: Report): string {
  const out: string[] = [
    `反诈助手 report ${r.since.slice(0, 10)} – ${r.until.slice(0, 10)}`,
    `${r.total} questions and checks from ${r.users} users; votes 👍 ${r.votes.up} 👎 ${r.votes.down}`,
  ];
  if (r.total === 0) return [...out, 'Nothing recorded in this period.'].join('\n');
  out.push(
    ...list('Per day:', r.perDay),
    ...list('Outcomes:', r.outcomes),
    ...list('Intents:', r.intents),
    ...list('Scam types:', r.scamTypes),
  );
  out.push(
    ...list('Check verdicts:', r.verdicts),
    ...list('Red flags seen:', r.redFlags),
    ...list('Languages:', r.languages),
  );
  if (r.declined.length) {
    out.push('Declined questions, grouped by shared term:');
    for (const g of r.declined.slice(0, LIST_LIMIT))
      out.push(`  ${g.term || '(other)'} ×${g.count}: ${g.examples.join(' | ')}`);
  }
  if (r.downvoted.length) {
    out.push('Answers voted 👎:');
    for (const d of r.downvoted.slice(0, LIST_LIMIT)) {
      const why = d.reasons.map((c) => `${c.key} ${c.count}`).join(', ') || 'no reason given';
      out.push(`  ×${d.down} (${why}): ${d.question ?? '(message not stored)'}`);
    }
  }
  if (r.lowestScoring.length) {
    out.push('Lowest-scoring answered questions:');
    for (const l of r.lowestScoring.slice(0, LIST_LIMIT))
      out.push(`  ${l.confidence.toFixed(2)}: ${l.question ?? '(message not stored)'}`);
  }
  out.push(
    r.topics.length
      ? `Topics to add articles about: ${r.topics.slice(0, LIST_LIMIT).join('、')}`
      : 'Topics to add articles about: none stand out yet.',
  );
  return out.join('\n');
}

/** Parses a period such as `7d`, `24h` or `2w` into a start date. */
export function parseSince(spec: string, now = new Date()): Date {
  const m = /^(\d+)\s*([hdw])$/u.exec(spec.trim());
  if (!m) throw new Error(`--since must look like 7d, 24h or 2w (got "${spec}")`);
  const hours = Number(m[1]) * ({ h: 1, d: 24, w: 168 } as const)[m[2] as 'h' | 'd' | 'w'];
  return new Date(now.getTime() - hours * 3_600_000);
}
