/**
 * Wiring of the answering engine from configuration: embedder, index (built if missing
 * or stale), retriever and optional chat model. Used by the CLI entries and main.ts.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createEmbedder } from '../index/embedders.js';
import { ensureIndex, type IngestReport } from '../index/ingest.js';
import { HybridRetriever } from '../retrieval/hybrid.js';
import type { EngineDeps } from './engine.js';
import { loadPrompts } from './llm.js';

/** Project root (where prompts/ lives), independent of the working directory. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/** Builds the engine's dependencies; builds the index first when needed. */
export async function setupEngine(
  config: Config,
  // keepPreviousOnError (default true): a failed rebuild serves the valid index on disk with a warning (issue 9);
  // a live rebuild passes false, so that its failure is reported as one.
  opts: { onProgress?: (done: number, total: number) => void; keepPreviousOnError?: boolean } = {},
): Promise<{ deps: EngineDeps; report: IngestReport }> {
  const embedder = createEmbedder(config.embedder);
  const { index, report } = await ensureIndex({
    seedsDir: config.seedsDir,
    outDir: config.dataDir,
    embedder,
    onProgress: opts.onProgress,
    keepPreviousOnError: opts.keepPreviousOnError ?? true,
  });
  const retriever = new HybridRetriever(index);
  const deps: EngineDeps = { retriever };
  if (config.llm.provider !== 'none') {
    // Loaded only when an LLM is configured: the module costs ~0.2 s of start-up.
    const { ChatOpenAI } = await import('@langchain/openai');
    deps.llm = new ChatOpenAI({
      model: config.llm.model,
      apiKey: config.llm.apiKey,
      configuration: { baseURL: config.llm.baseURL },
      temperature: 0.2,
      maxRetries: 0,
      timeout: config.llm.timeoutMs,
    });
    deps.prompts = loadPrompts(join(PROJECT_ROOT, 'prompts'));
    deps.llmTimeoutMs = config.llm.timeoutMs;
  }
  return { deps, report };
}
