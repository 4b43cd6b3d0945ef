/**
 * Neural embeddings computed locally with transformers.js from a model directory on disk
 * (e.g. an ONNX export of bge-small-zh). Nothing is downloaded: remote loading is
 * switched off, so a missing model fails at once with a message, never with a network
 * call. `@huggingface/transformers` is an optional package the operator installs when
 * using this provider (it is large and most deployments do not need it).
 */

import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';

/** Options of {@link TransformersEmbeddings}. */
export interface TransformersEmbeddingsOptions {
  /** Directory holding the model (config.json, tokenizer.json, onnx/model.onnx). */
  modelDir: string;
  /** Texts per forward pass; default 16. */
  batchSize?: number;
}

type FeatureExtractor = (
  texts: string[],
  opts: { pooling: 'mean' | 'cls'; normalize: boolean },
) => Promise<{ tolist(): number[][] }>;

/** LangChain embedder backed by a local transformers.js feature-extraction pipeline. */
export class TransformersEmbeddings extends Embeddings {
  private extractor?: Promise<FeatureExtractor>;
  private dims?: number;
  readonly modelDir: string;
  private readonly batchSize: number;

  constructor(opts: TransformersEmbeddingsOptions) {
    super({});
    this.modelDir = resolve(opts.modelDir);
    this.batchSize = opts.batchSize ?? 16;
  }

  get id(): string {
    return `transformers-${basename(this.modelDir)}`;
  }

  private load(): Promise<FeatureExtractor> {
    this.extractor ??= (async () => {
      if (!existsSync(resolve(this.modelDir, 'config.json'))) {
        throw new Error(
          `No transformers.js model in ${this.modelDir} (config.json missing). Put an exported model there (e.g. bge-small-zh with onnx/model.onnx) or set EMBEDDINGS_PROVIDER=hashing.`,
        );
      }
      let mod: Record<string, any>;
      try {
        mod = await import(/* @vite-ignore */ '@huggingface/transformers' as string);
      } catch (err) {
        throw new Error(
          'EMBEDDINGS_PROVIDER=transformers needs the optional package: run `npm install @huggingface/transformers`.',
          {
            cause: err,
          },
        );
      }
      mod.env.allowRemoteModels = false;
      mod.env.localModelPath = dirname(this.modelDir);
      return (await mod.pipeline('feature-extraction', basename(this.modelDir))) as FeatureExtractor;
    })();
    return this.extractor;
  }

  /** Vector size, known after the first embedding. */
  get dimensions(): number | undefined {
    return this.dims;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const extract = await this.load();
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const t = await extract(documents.slice(i, i + this.batchSize), { pooling: 'cls', normalize: true });
      out.push(...t.tolist());
    }
    this.dims ??= out[0]?.length;
    return out;
  }

  async embedQuery(document: string): Promise<number[]> {
    return (await this.embedDocuments([document]))[0];
  }
}
