import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`configuration was accepted: ${JSON.stringify(env)}`);
}

describe('loadConfig refuses bad settings, naming the variable', () => {
  it('WEBHOOK_SECRET shorter than 16 characters or with characters Telegram rejects', () => {
    const url = 'https://bot.example.org/hook';
    expect(refusal({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'short-secret' })).toMatch(
      /WEBHOOK_SECRET: must be at least 16 characters/,
    );
    expect(refusal({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'a secret with spaces and !' })).toMatch(
      /WEBHOOK_SECRET: may only contain A-Z/,
    );
    expect(loadConfig({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'abcdefghij_KLMNOP-0123' }).telegram.webhookSecret).toBe(
      'abcdefghij_KLMNOP-0123',
    );
  });

  it('WEBHOOK_URL that is not https', () => {
    expect(
      refusal({ WEBHOOK_URL: 'http://bot.example.org/hook', WEBHOOK_SECRET: 'abcdefghijklmnopqrstuvwxyz' }),
    ).toMatch(/WEBHOOK_URL: must be an https:\/\/ URL/);
  });

  it('URLs without a scheme', () => {
    expect(refusal({ LLM_PROVIDER: 'ollama', LLM_MODEL: 'qwen2.5:7b', LLM_BASE_URL: 'localhost:11434' })).toMatch(
      /LLM_BASE_URL: must be a URL starting with http:\/\/ or https:\/\/ \(did you mean http:\/\/localhost:11434 \?\)/,
    );
    expect(refusal({ TELEGRAM_API_ROOT: 'localhost:8081' })).toMatch(
      /TELEGRAM_API_ROOT: must be a URL starting with http/,
    );
    expect(
      refusal({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_MODEL: 'bge-m3', EMBEDDINGS_BASE_URL: 'api.example.org/v1' }),
    ).toMatch(/EMBEDDINGS_BASE_URL: must be a URL/);
    expect(refusal({ TELEGRAM_API_ROOT: 'ftp://example.org' })).toMatch(/TELEGRAM_API_ROOT/);
    expect(loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }).telegram.apiRoot).toBe('http://127.0.0.1:8081');
  });

  it('numbers that are not plain decimal integers', () => {
    expect(refusal({ EMBEDDINGS_DIMENSIONS: '0x20' })).toMatch(
      /EMBEDDINGS_DIMENSIONS: must be a whole number .* decimal digits \(got "0x20"\)/,
    );
    expect(refusal({ EMBEDDINGS_DIMENSIONS: '1e3' })).toMatch(/EMBEDDINGS_DIMENSIONS: .*got "1e3"/);
    expect(refusal({ PORT: '80.5' })).toMatch(/PORT/);
    expect(refusal({ PORT: '-1' })).toMatch(/PORT/);
    expect(loadConfig({ EMBEDDINGS_DIMENSIONS: '256', PORT: '8443' })).toMatchObject({
      embedder: { dimensions: 256 },
      telegram: { port: 8443 },
    });
  });

  it('lists every problem at once', () => {
    const msg = refusal({ PORT: '0x50', EMBEDDINGS_DIMENSIONS: '1e3', TELEGRAM_API_ROOT: 'localhost' });
    expect(msg).toMatch(/PORT/);
    expect(msg).toMatch(/EMBEDDINGS_DIMENSIONS/);
    expect(msg).toMatch(/TELEGRAM_API_ROOT/);
  });
});
