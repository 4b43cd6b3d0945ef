import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildReport, groupDeclined, parseSince, renderReport } from '../../src/record/report.js';
import { openSqliteRecorder } from '../../src/record/sqlite-recorder.js';
import type { InteractionInput } from '../../src/record/types.js';
import { loadOrCreateKey, userHasher } from '../../src/record/user-hash.js';
import { tmp } from '../helpers/tmp.js';

const DAY = 86_400_000;
const q = (over: Partial<InteractionInput>): InteractionInput => ({
  source: 'question',
  text: '什么是杀猪盘',
  language: 'zh-Hans',
  intent: 'how',
  outcome: 'answered',
  latencyMs: 3,
  confidence: 0.6,
  ...over,
});

describe('keyed user hash', () => {
  it('creates a private key once and reuses it', () => {
    const dir = tmp();
    const file = join(dir, 'record.key');
    const k1 = loadOrCreateKey(file);
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadOrCreateKey(file)).toBe(k1);
  });
  it('is stable per key, differs across keys and never contains the id', () => {
    const a = userHasher('k'.repeat(32));
    const b = userHasher('j'.repeat(32));
    expect(a(123456789)).toBe(a('123456789'));
    expect(a(123456789)).not.toBe(b(123456789));
    expect(a(123456789)).not.toContain('123456789');
    expect(a(1)).not.toBe(a(2));
  });
});

describe('SQLite recorder', () => {
  const open = (dir: string, extra: Partial<Parameters<typeof openSqliteRecorder>[0]> = {}) =>
    openSqliteRecorder({ file: join(dir, 'record.db'), hashKey: 'x'.repeat(32), ...extra });

  it('stores masked questions, hashed users, and no checked message text unless opted in', () => {
    const dir = tmp();
    const r = open(dir);
    r.record(q({ userId: 42, text: '我叫李明，对方电话13812345678' }));
    r.record(
      q({
        userId: 42,
        source: 'forward',
        text: '【ETC】您的卡已失效 http://etc-x.cc',
        outcome: 'checked',
        verdict: 'scam',
        redFlags: ['link', 'urgency'],
      }),
    );
    // A message given to /check is checked text too: not kept.
    r.record(
      q({
        userId: 42,
        source: 'command',
        text: '/check 您的包裹异常 http://x.cc',
        outcome: 'checked',
        verdict: 'suspicious',
      }),
    );
    const { interactions } = r.read(new Date(0));
    r.close();
    expect(interactions).toHaveLength(3);
    expect(interactions[2].text).toBeNull();
    expect(interactions[0].text).not.toContain('13812345678');
    expect(interactions[0].text).not.toContain('李明');
    expect(interactions[0].userHash).not.toBe('42');
    expect(interactions[1].text).toBeNull();

    expect(interactions[1].redFlags).toEqual(['link', 'urgency']);
    const raw = readFileSync(join(dir, 'record.db'));
    expect(raw.includes(Buffer.from('13812345678'))).toBe(false);

    const r2 = open(tmp(), { storeCheckedMessages: true });
    r2.record(q({ source: 'paste', text: '加微信 abc_12345 领补贴', outcome: 'checked' }));
    const stored = r2.read(new Date(0)).interactions[0].text;
    r2.close();
    expect(stored).toContain('领补贴');
    expect(stored).not.toContain('abc_12345');
  });

  it('makes votes idempotent per user and answer, and refuses unknown answers', () => {
    const r = open(tmp());
    const id = r.record(q({ userId: 1 }))!;
    expect(r.vote(id, 7, 1)).toBe('recorded');
    expect(r.vote(id, 7, 1)).toBe('unchanged');
    expect(r.vote(id, 7, -1, 'wrong')).toBe('changed');
    expect(r.vote(id, 8, -1)).toBe('recorded');
    expect(r.vote('000000000000', 7, 1)).toBe('unknown');
    const { votes } = r.read(new Date(0));
    r.close();
    expect(votes).toHaveLength(2);
    expect(votes.find((v) => v.reason === 'wrong')?.vote).toBe(-1);
  });

  it('deletes rows older than the retention, with their votes', () => {
    const r = open(tmp(), { retentionDays: 30 });
    const now = new Date('2026-11-25T00:00:00Z');
    const old = r.record(q({ at: new Date(now.getTime() - 31 * DAY) }))!;
    r.vote(old, 1, -1);
    r.record(q({ at: new Date(now.getTime() - 29 * DAY) }));
    expect(r.purge(now)).toBe(1);
    const { interactions, votes } = r.read(new Date(0));
    r.close();
    expect(interactions).toHaveLength(1);
    expect(votes).toHaveLength(0);
  });

  it('leaves no trace of purged text in the database or its log', () => {
    const dir = tmp();
    const r = open(dir, { retentionDays: 30 });
    const now = new Date('2026-11-25T00:00:00Z');
    r.record(q({ at: new Date(now.getTime() - 40 * DAY), text: '紫色长颈鹿骗局是什么' }));
    r.record(q({ at: now, text: '什么是杀猪盘' }));
    expect(r.purge(now)).toBe(1);
    const files = readdirSync(dir).filter((f) => f.startsWith('record.db'));
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    r.close();
    expect(bytes.includes(Buffer.from('紫色长颈鹿'))).toBe(false);
    expect(bytes.includes(Buffer.from('杀猪盘'))).toBe(true);
  });

  it('disables recording, without throwing, when the file is corrupt', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'record.db'), Buffer.alloc(8192, 7));
    const errors: unknown[] = [];
    const logger = { error: (o: unknown) => errors.push(o), warn: () => {} } as never;
    const r = open(dir, { logger });
    expect(r.enabled).toBe(false);
    expect(r.record(q({}))).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('skips a record, without throwing, while another process holds the write lock', () => {
    const dir = tmp();
    const r = open(dir);
    const other = new Database(join(dir, 'record.db'), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const r2 = openSqliteRecorder({
      file: join(dir, 'record.db'),
      hashKey: 'x'.repeat(32),
      logger: { error: () => {}, warn: () => {} } as never,
    });
    expect(r2.record(q({}))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    other.exec('ROLLBACK');
    other.close();
    expect(r.record(q({}))).toMatch(/^[0-9a-f]{12}$/);
    r.close();
    r2.close();
  });

  it('disables recording when the directory is read-only', () => {
    if (process.getuid?.() === 0) return; // root ignores permissions; covered by the corrupt-file case
    const dir = tmp();
    chmodSync(dir, 0o500);
    const r = open(dir, { logger: { error: () => {}, warn: () => {} } as never });
    chmodSync(dir, 0o700);
    expect(r.enabled).toBe(false);
  });
});

describe('report', () => {
  it('groups declined questions by their most shared term', () => {
    const groups = groupDeclined(['医保卡被盗刷怎么办', '医保卡里的钱被转走了', '股票怎么买', '医保卡个人账户被冻结']);
    expect(groups[0]).toMatchObject({ term: '医保卡', count: 3 });
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(4);
  });

  it('summarises a generated week of records and names topics to add', () => {
    const r = openSqliteRecorder({ file: join(tmp(), 'record.db'), hashKey: 'x'.repeat(32) });
    const now = new Date('2026-11-25T12:00:00Z');
    const at = (d: number) => new Date(now.getTime() - d * DAY);
    for (let i = 0; i < 6; i++) r.record(q({ userId: i, at: at(i % 3), scamType: 'romance' }));
    r.record(q({ userId: 9, at: at(1), outcome: 'declined', text: '医保卡被盗刷怎么办', intent: 'general' }));
    r.record(q({ userId: 9, at: at(2), outcome: 'declined', text: '医保卡里的钱被转走了', intent: 'general' }));
    const bad = r.record(
      q({
        userId: 3,
        at: at(1),
        text: '被骗了钱能追回吗',
        intent: 'victim',
        scamType: 'recovery-scam',
        confidence: 0.1,
      }),
    )!;
    r.vote(bad, 3, -1, 'missing');
    r.vote(bad, 4, -1, 'missing');
    r.record(
      q({ userId: 5, at: at(0), source: 'photo', outcome: 'checked', verdict: 'scam', redFlags: ['link'], text: 'x' }),
    );
    r.record(q({ at: at(20), text: 'too old for a 7-day report' }));
    const report = buildReport(r.read(parseSince('7d', now)), parseSince('7d', now), now);
    r.close();
    expect(report.total).toBe(10);
    expect(report.perDay.reduce((n, d) => n + d.count, 0)).toBe(10);
    expect(report.outcomes.find((o) => o.key === 'declined')?.count).toBe(2);
    expect(report.verdicts).toEqual([{ key: 'scam', count: 1 }]);
    expect(report.declined[0]).toMatchObject({ term: '医保卡', count: 2 });
    expect(report.downvoted[0]).toMatchObject({ down: 2, reasons: [{ key: 'missing', count: 2 }] });
    expect(report.lowestScoring[0].confidence).toBe(0.1);
    expect(report.topics.slice(0, 2)).toEqual(['医保卡', 'recovery-scam']);
    const text = renderReport(report);
    expect(text).toContain('Topics to add articles about: 医保卡');
    expect(text).toContain('(missing 2)');
  });

  it('parses periods and rejects nonsense', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-18T00:00:00.000Z');
    expect(parseSince('24h', now).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(() => parseSince('last week', now)).toThrow(/7d/);
  });
});
