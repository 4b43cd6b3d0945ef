import { join } from 'node:path';
import { ChatOpenAI } from '@langchain/openai';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, type EngineDeps } from '../../src/answer/engine.js';
import { loadPrompts, validateLlmText } from '../../src/answer/llm.js';
import { seedEngine } from '../helpers/engine.js';
import { startMockOpenAI } from '../helpers/mock-openai.js';

const prompts = loadPrompts(join(import.meta.dirname, '..', '..', 'prompts'));

describe('validateLlmText', () => {
  it('removes unknown markers and rejects text without a valid one', () => {
    expect(validateLlmText('骗子冒充警察 [1][7]。', new Set([1, 2]))).toEqual({ text: '骗子冒充警察 [1]。', cites: [1] });
    expect(validateLlmText('没有引用。[9]', new Set([1]))).toEqual({ reason: 'no valid citation in the model answer' });
  });

  it('caps the length at a sentence end', () => {
    const long = `${'骗子会冒充客服。'.repeat(400)}[1]`;
    const r = validateLlmText(long, new Set([1]));
    expect('text' in r && r.text.length).toBeLessThanOrEqual(1500);
  });
});

describe('LLM answers against a local OpenAI-compatible server', () => {
  let mock: Awaited<ReturnType<typeof startMockOpenAI>>;
  let deps: EngineDeps;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    const base = await seedEngine();
    const llm = new ChatOpenAI({ model: 'test-model', apiKey: 'sk-test', configuration: { baseURL: mock.baseURL }, maxRetries: 0 });
    deps = { ...base, llm, prompts, llmTimeoutMs: 800 };
  });
  afterAll(() => mock.close());

  it('uses a valid model answer, keeps only the citations it uses, and sends the passages as delimited data', async () => {
    mock.behave({ kind: 'reply', content: '这是杀猪盘诈骗：骗子在境外以交友为名骗钱 [1]。请勿向陌生人转账 [2][8]。' });
    const a = await answer('什么是杀猪盘？', deps);
    expect(a.mode).toBe('llm');
    expect(a.text).toContain('骗子在境外以交友为名骗钱 [1]');
    expect(a.text).not.toContain('[8]');
    expect(a.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(a.text).toContain('96110'); // fixed next steps still appended
    const sent = mock.requests.at(-1)!.body;
    expect(sent.model).toBe('test-model');
    const user = sent.messages.find((m: any) => m.role === 'user').content as string;
    expect(user).toMatch(/<passages>[\s\S]*\[1\][\s\S]*杀猪盘[\s\S]*<\/passages>/);
    expect(sent.messages[0].content).toContain('untrusted');
  });

  it('falls back to the extractive answer when the model cites nothing valid', async () => {
    mock.behave({ kind: 'reply', content: '杀猪盘是一种诈骗。[42]' });
    const a = await answer('什么是杀猪盘？', deps);
    expect(a.mode).toBe('extractive');
    expect(a.fallbackReason).toMatch(/no valid citation/);
    expect(a.citations[0].text).toContain('杀猪盘');
  });

  it('falls back on a timeout, within about the time allowed', async () => {
    mock.behave({ kind: 'delay', ms: 5000, content: 'late [1]' });
    const t0 = performance.now();
    const a = await answer('什么是杀猪盘？', deps);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(a.mode).toBe('extractive');
    expect(a.fallbackReason).toMatch(/timeout/i);
  });

  it('falls back on a server error', async () => {
    mock.behave({ kind: 'status', status: 500 });
    const a = await answer('什么是杀猪盘？', deps);
    expect(a.mode).toBe('extractive');
    expect(a.fallbackReason).toMatch(/LLM error/);
  });

  it('never calls the model for off-topic questions', async () => {
    const before = mock.requests.length;
    const a = await answer('红烧肉怎么做', deps);
    expect(a.inScope).toBe(false);
    expect(mock.requests.length).toBe(before);
  });

  it('works with LangChain fake models too (no network)', async () => {
    const base = await seedEngine();
    const fake = new FakeListChatModel({ responses: ['刷单就是诈骗 [1]。'] });
    const a = await answer('网上兼职刷单能赚钱吗', { ...base, llm: fake, prompts });
    expect(a.mode).toBe('llm');
    expect(a.citations).toHaveLength(1);
  });
});
