import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineDeps } from '../../src/answer/engine.js';
import { createEmbedder } from '../../src/index/embedders.js';
import { ensureIndex } from '../../src/index/ingest.js';
import { HybridRetriever } from '../../src/retrieval/hybrid.js';
import { SEEDS_DIR } from './seeds.js';

let cached: Promise<EngineDeps> | undefined;

/** Engine dependencies over an index of the real seeds, built once per test file. */
export function seedEngine(): Promise<EngineDeps> {
  cached ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'fzzs-engine-'));
    const { index } = await ensureIndex({
      seedsDir: SEEDS_DIR,
      outDir,
      embedder: createEmbedder({ provider: 'hashing' }),
    });
    return { retriever: new HybridRetriever(index) };
  })();
  return cached;
}
