// Worker thread that builds the HNSW graph of a build (see GraphBuilder in build.ts), so
// that inserting vectors, the single-threaded bulk of a build, runs beside the thread that
// joins and indexes the prepared chunks instead of in it. Plain JavaScript: it needs only
// hnswlib-node, from the sources and from dist/ alike.
//
// Messages, handled in order: { init: { dims, m, efConstruction, capacity } },
// { add: Float32Array (count × dims, labels continue from the previous add) } → { added: n }
// once inserted (the builder keeps only a few batches in flight),
// { write: path } → { written: count, sha256, bytes, typedPoints } once every earlier add
// is in the graph and its file is written (hashed here, beside the other files being
// written); typedPoints: whether the points went in as Float32Arrays (hnsw-points.mjs).
// Any failure → { error: message }; later messages are ignored, except a write, which gets
// the same error.
//
// Stopping: the builder sets the shared `stop` flag (given with init) and posts { stop }.
// The thread then ends itself between two insertions. It must never be terminated from
// outside while it inserts: hnswlib-node makes N-API calls during an insertion (two per
// vector element when unpatched, see hnsw-points.mjs), and a call that fails because the
// thread is being terminated aborts the whole process
// (node-addon-api's fatal error on a failed throw), which turned any failed build into a
// crash.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import { addPointTakesFloat32Array, pointAdder } from './hnsw-points.mjs';

/** Growth factor of the capacity when more vectors arrive than it holds. */
const GROWTH = 1.5;

let index;
let dims = 0;
let capacity = 0;
let count = 0;
let failed;
/** Inserts point k of a batch into the graph (see hnsw-points.mjs), made with it at init. */
let addPoint;
/** Whether addPoint hands hnswlib Float32Arrays (reported with the written file). */
let typedPoints = false;
/** Int32Array over shared memory: [0] becomes 1 when the builder wants this thread to end. */
let stop;

function stopRequested() {
  return stop !== undefined && Atomics.load(stop, 0) !== 0;
}

/** A file being written: hnswlib's asynchronous write must finish before the thread ends. */
let writing;

parentPort.on('message', async (msg) => {
  if (msg.stop || stopRequested()) {
    // Ending the thread while hnswlib's write completes aborts the process too.
    await writing;
    process.exit(0);
  }
  // After a failure only a write is answered, with that failure (the builder waits for it).
  if (failed !== undefined) {
    if (msg.write) parentPort.postMessage({ error: failed });
    return;
  }
  try {
    if (msg.init) {
      ({ dims, capacity, stop } = msg.init);
      index = new hnswlib.HierarchicalNSW('cosine', dims);
      index.initIndex(capacity, msg.init.m, msg.init.efConstruction, 42);
      typedPoints = addPointTakesFloat32Array(hnswlib);
      addPoint = pointAdder(index, dims, typedPoints);
    } else if (msg.add) {
      const v = msg.add;
      const n = v.length / dims;
      if (count + n > capacity) {
        capacity = Math.max(Math.ceil(capacity * GROWTH), count + n);
        index.resizeIndex(capacity);
      }
      for (let k = 0; k < n; k++) {
        if (stopRequested()) process.exit(0);
        addPoint(v, k, count + k);
      }
      count += n;
      parentPort.postMessage({ added: n });
    } else if (msg.write) {
      // The file holds no unused capacity.
      if (capacity > count) index.resizeIndex(count);
      capacity = count;
      const written = index.writeIndex(msg.write);
      writing = written.catch(() => undefined);
      await written;
      writing = undefined;
      index = undefined; // the graph's memory goes before the file is read back
      const h = createHash('sha256');
      let bytes = 0;
      for await (const chunk of createReadStream(msg.write, { highWaterMark: 1 << 20 })) {
        h.update(chunk);
        bytes += chunk.length;
      }
      parentPort.postMessage({ written: count, sha256: h.digest('hex'), bytes, typedPoints });
    }
  } catch (err) {
    failed = err?.message ?? String(err);
    parentPort.postMessage({ error: failed });
  }
});
