// Worker thread of HashingEmbeddings (see hashing-pool.ts). Plain JavaScript on purpose:
// a worker's entry file is loaded by Node itself. From the sources (development, tests)
// it registers tsx and imports the TypeScript embedder; from the build (dist/, `npm
// start`) the compiled JavaScript sits beside it and no transpiler is loaded.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const compiled = new URL('./hashing-embeddings.js', import.meta.url);
let mod;
if (existsSync(compiled)) {
  mod = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import('./hashing-embeddings.ts');
}
const embedder = new mod.HashingEmbeddings({ dimensions: workerData.dimensions });

parentPort.on('message', ({ id, texts }) => {
  const dims = embedder.dimensions;
  const out = new Float32Array(texts.length * dims);
  for (const [i, t] of texts.entries()) out.set(embedder.embed(t), i * dims);
  parentPort.postMessage({ id, vectors: out }, [out.buffer]);
});
parentPort.postMessage({ ready: true });
