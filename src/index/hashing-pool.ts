/**
 * A small pool of worker threads that run the hashing embedder, so that embedding one
 * batch overlaps with inserting the previous one into the HNSW graph (ingestion of large
 * corpora on a 2-core machine). Results are identical to embedding in the main thread.
 */
import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (v: number[][]) => void;
  reject: (e: Error) => void;
  count: number;
}

/** Worker pool for {@link HashingEmbeddings}. */
export class HashingPool {
  private readonly workers: Worker[] = [];
  private readonly ready: Promise<void>[] = [];
  private started = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;
  private broken?: Error;

  constructor(size: number, dimensions: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./hashing-worker.mjs', import.meta.url), {
        execArgv: [],
        workerData: { dimensions },
      });
      w.unref(); // idle workers never keep the process alive; ref'd while a task runs
      this.ready.push(
        new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.once('message', () => resolve());
        }),
      );
      w.on('message', (msg: { id?: number; vectors?: Float32Array }) => {
        if (msg.id === undefined || !msg.vectors) return;
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (![...this.pending.keys()].length) for (const x of this.workers) x.unref();
        const out: number[][] = new Array(p.count);
        for (let k = 0; k < p.count; k++)
          out[k] = Array.from(msg.vectors.subarray(k * dimensions, (k + 1) * dimensions));
        p.resolve(out);
      });
      w.on('error', (err) => this.fail(err));
      this.workers.push(w);
    }
  }

  private fail(err: Error): void {
    this.broken = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /**
   * Embeds texts on the next worker. Once the workers are up, the task is posted
   * synchronously, before this returns: the caller can then block its own thread (e.g.
   * inserting the previous batch) while the worker already computes.
   */
  async embed(texts: string[]): Promise<number[][]> {
    if (this.broken) throw this.broken;
    if (!this.started) {
      await Promise.all(this.ready);
      this.started = true;
    }
    const w = this.workers[this.turn++ % this.workers.length];
    const id = this.nextId++;
    w.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, count: texts.length });
      w.postMessage({ id, texts });
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
