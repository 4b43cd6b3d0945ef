import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/engine.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { normalizeInput } from '../../src/text/normalize.js';
import { seedEngine } from '../helpers/engine.js';

describe('normalizeInput', () => {
  it('removes zero-width and other format characters inside words', () => {
    expect(normalizeInput('杀\u200b猪\u200b盘')).toBe('杀猪盘');
    expect(normalizeInput('刷\u200c单\u200d返\u2060利\ufeff')).toBe('刷单返利');
    expect(normalizeInput('安\u00ad全\u202e账\u202c户')).toBe('安全账户');
  });

  it('applies NFKC to look-alike forms but keeps Chinese full-width punctuation', () => {
    expect(normalizeInput('ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ ①②')).toBe('www.example.com 12');
    expect(normalizeInput('⼈民币')).toBe('人民币');
    expect(normalizeInput('是真的吗？不要转账，好！…')).toBe('是真的吗？不要转账，好！…');
  });

  it('removes control characters but keeps line breaks and tabs', () => {
    expect(normalizeInput('a\u0000b\u001bc\n\td')).toBe('abc\n\td');
  });

  it('is idempotent', () => {
    const s = '杀\u200b猪\u200b盘ｆｕｌｌ，？';
    expect(normalizeInput(normalizeInput(s))).toBe(normalizeInput(s));
  });
});

describe('questions with invisible characters', () => {
  it('analyzeQuery sees the scam type through zero-width characters', () => {
    const q = analyzeQuery('什么是杀\u200b猪\u200b盘');
    expect(q.fraudSignal).toBe(true);
    expect(q.scamTypes.map((s) => s.id)).toContain('romance');
  });

  it('a fraud question written with zero-width characters is in scope', async () => {
    const deps = await seedEngine();
    const a = await answer('杀\u200b猪\u200b盘是什么？', deps);
    expect(a.inScope).toBe(true);
  });
});
