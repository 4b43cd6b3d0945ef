// Worker thread of corpus preparation (see prepare-pool.ts). Plain JavaScript for the same
// reason as hashing-worker.mjs: from dist/ it imports the compiled module, from the
// sources it registers tsx first.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./prepare-chunk.js', import.meta.url);
let mod;
if (existsSync(compiled)) {
  mod = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import('./prepare-chunk.ts');
}

// Tasks arrive ahead of time (see ChunkPool in pipeline.ts) and run one after another:
// two chunks at once in one thread would only hold twice the memory.
let queue = Promise.resolve();
parentPort.on('message', ({ id, task }) => {
  queue = queue.then(async () => {
    try {
      const result = await mod.prepareChunk(task);
      const { docStart, termIds, tfs, lengths } = result.bm25;
      const transfer = [docStart.buffer, termIds.buffer, tfs.buffer, lengths.buffer];
      if (result.vectors) transfer.push(result.vectors.buffer);
      parentPort.postMessage({ id, result }, transfer);
    } catch (err) {
      parentPort.postMessage({ id, error: { message: err?.message ?? String(err), stack: err?.stack } });
    }
  });
});
parentPort.postMessage({ ready: true });
