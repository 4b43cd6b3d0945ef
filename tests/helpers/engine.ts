import { join } from 'node:path';
import type { EngineDeps } from '../../src/answer/engine.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { ensureIndex } from '../../src/index/ingest.js';
import { HybridRetriever } from '../../src/retrieval/hybrid.js';
import { SEEDS_DIR } from './seeds.js';
import { tmp } from './tmp.js';

let cached: Promise<EngineDeps> | undefined;

/** Engine dependencies over an index of the real seeds, built once per test file (its directory is removed after the file). */
export function seedEngine(): Promise<EngineDeps> {
  cached ??= (async () => {
    const outDir = join(tmp('fzzs-engine-'), 'index');
    const { index } = await ensureIndex({
      seedsDir: SEEDS_DIR,
      outDir,
      embedder: createEmbedder({ provider: 'hashing' }),
    });
    return { retriever: new HybridRetriever(index) };
  })();
  return cached;
}
