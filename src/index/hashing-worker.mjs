// Worker thread of HashingEmbeddings (see hashing-pool.ts). Plain JavaScript on purpose:
// a worker's entry file is loaded by Node itself, with no TypeScript loader, so it
// registers tsx and then imports the TypeScript embedder.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { HashingEmbeddings } = await import('./hashing-embeddings.ts');
const embedder = new HashingEmbeddings({ dimensions: workerData.dimensions });

parentPort.on('message', ({ id, texts }) => {
  const dims = embedder.dimensions;
  const out = new Float32Array(texts.length * dims);
  texts.forEach((t, i) => out.set(embedder.embed(t), i * dims));
  parentPort.postMessage({ id, vectors: out }, [out.buffer]);
});
parentPort.postMessage({ ready: true });
