/**
 * Choice of embedder from configuration. Every provider is a LangChain `Embeddings`;
 * the id names the provider and model, so an index built with one embedder is never
 * queried with another (the manifest check catches it).
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';
import { HashingEmbeddings } from './hashing-embeddings.js';
import { TransformersEmbeddings } from './transformers-embeddings.js';

/** Embedder settings (a slice of the app config). */
export type EmbedderSettings =
  | { provider: 'hashing'; dimensions?: number; workers?: number }
  | { provider: 'openai'; baseURL: string; apiKey: string; model: string; timeoutMs?: number }
  | { provider: 'transformers'; modelDir: string };

/** An embedder with its identity. */
export interface Embedder {
  embeddings: Embeddings;
  /** Stable id of provider + model + settings, recorded in the index manifest. */
  id: string;
}

/** Builds the configured embedder. No network or disk access happens here. */
export function createEmbedder(s: EmbedderSettings): Embedder {
  switch (s.provider) {
    case 'hashing': {
      const e = new HashingEmbeddings({ dimensions: s.dimensions, workers: s.workers });
      return { embeddings: e, id: e.id };
    }
    case 'openai': {
      const e = new LazyOpenAIEmbeddings(s);
      return { embeddings: e, id: `openai:${s.model}@${new URL(s.baseURL).host}` };
    }
    case 'transformers': {
      const e = new TransformersEmbeddings({ modelDir: s.modelDir });
      return { embeddings: e, id: e.id };
    }
  }
}

/**
 * OpenAI-compatible embeddings, with the client module loaded on first use: importing
 * @langchain/openai costs about 0.2 s of start-up, paid only when this provider is used.
 */
class LazyOpenAIEmbeddings extends Embeddings {
  private inner?: Promise<OpenAIEmbeddings>;

  constructor(private readonly s: Extract<EmbedderSettings, { provider: 'openai' }>) {
    super({});
  }

  private client(): Promise<OpenAIEmbeddings> {
    this.inner ??= import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          apiKey: this.s.apiKey,
          model: this.s.model,
          configuration: { baseURL: this.s.baseURL },
          timeout: this.s.timeoutMs ?? 30_000,
          maxRetries: 2,
          batchSize: 64,
          // Plain floats: several OpenAI-compatible servers (Ollama, older vLLM) do not do base64.
          encodingFormat: 'float',
        }),
    );
    return this.inner;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.client()).embedDocuments(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.client()).embedQuery(text);
  }
}
