import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/index/build.js';
import type { Embedder } from '../../src/index/embedders.js';
import { addPointTakesFloat32Array, pointAdder } from '../../src/index/hnsw-points.mjs';
import { tmp } from '../helpers/tmp.js';

/** Deterministic sparse vectors, like the hashing embedder's (most components zero). */
function vectors(n: number, dims: number, seed: number): Float32Array {
  const out = new Float32Array(n * dims);
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < out.length; i++) out[i] = next() < 0.2 ? next() - 0.5 : 0;
  return out;
}

/** Builds a graph of `batch` through {@link pointAdder} and returns its file's bytes. */
async function build(batch: Float32Array, dims: number, typed: boolean): Promise<Buffer> {
  const n = batch.length / dims;
  const index = new hnswlib.HierarchicalNSW('cosine', dims);
  index.initIndex(n, 8, 32, 42);
  const add = pointAdder(index, dims, typed);
  for (let k = 0; k < n; k++) add(batch, k, k);
  const file = join(tmp(), `${typed ? 'typed' : 'array'}.index`);
  await index.writeIndex(file);
  return readFileSync(file);
}

describe('points into the HNSW graph', () => {
  it('go in as Float32Arrays on this install (npm ci applied patches/hnswlib-node+3.0.0.patch)', () => {
    expect(addPointTakesFloat32Array(hnswlib)).toBe(true);
  });

  it("go in as Float32Arrays from the graph's worker thread, each at its own label", async () => {
    const embedder = {
      id: 'fixed-4',
      embeddings: { embedDocuments: async (t: string[]) => t.map((_, i) => [1, i + 1, 0, 0]) },
    } as unknown as Embedder;
    const g = new GraphBuilder(embedder, { m: 8, efConstruction: 16, efSearch: 16 }, undefined, 4);
    await g.add(['a', 'b'], ['ha', 'hb'], [[0, 0, 1, 0], new Float32Array([0, 1, 0, 0])]);
    await g.add(['c'], ['hc'], [[3, 0, 0, 4]]);
    const file = join(tmp(), 'worker.index');
    const written = await g.finish().write(file);
    expect(written.typedPoints).toBe(true);
    const index = new hnswlib.HierarchicalNSW('cosine', 4);
    index.readIndexSync(file);
    const round = (v: number[]) => v.map((x) => Math.round(x * 1e6) / 1e6);
    expect([0, 1, 2].map((l) => round(index.getPoint(l)))).toEqual([
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0.6, 0, 0, 0.8],
    ]);
  });

  it('build the same graph, byte for byte, from a Float32Array as from plain arrays', async () => {
    const dims = 64;
    const batch = vectors(600, dims, 7);
    const typed = await build(batch, dims, true);
    const plain = await build(batch, dims, false);
    expect(typed.length).toBeGreaterThan(600 * dims * 4);
    expect(typed.equals(plain)).toBe(true);
  });

  it('are read from a subarray at its own offset, not from the start of its buffer', () => {
    const dims = 4;
    const index = new hnswlib.HierarchicalNSW('cosine', dims);
    index.initIndex(2, 8, 16, 1);
    const batch = new Float32Array([1, 0, 0, 0, 0, 0, 1, 0]);
    pointAdder(index, dims, true)(batch, 1, 7);
    expect(index.getPoint(7).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 0, 1, 0]);
  });

  it('are refused with a clear error when of the wrong length or type', () => {
    const index = new hnswlib.HierarchicalNSW('cosine', 4);
    index.initIndex(2, 8, 16, 1);
    const add = (p: unknown) => index.addPoint(p as number[], 0);
    expect(() => add(new Float32Array(3))).toThrow(/expected 4, but got 3/);
    expect(() => add(new Float64Array(4))).toThrow(/must be an Array or a Float32Array/);
    expect(() => add('1,2,3,4')).toThrow(/must be an Array or a Float32Array/);
    expect(index.getCurrentCount()).toBe(0);
  });

  it('fall back to plain arrays when hnswlib-node is not patched', () => {
    // An unpatched build: addPoint refuses anything but an Array.
    class Unpatched {
      count = 0;
      initIndex() {}
      addPoint(p: unknown) {
        if (!Array.isArray(p)) throw new TypeError('Invalid the first argument type, must be an Array.');
        this.count++;
      }
      getCurrentCount() {
        return this.count;
      }
    }
    expect(addPointTakesFloat32Array({ HierarchicalNSW: Unpatched })).toBe(false);
    const seen: unknown[] = [];
    const add = pointAdder({ addPoint: (p) => seen.push([...(p as number[])]) }, 2, false);
    add(new Float32Array([1, 2, 3, 4]), 1, 5);
    expect(seen).toEqual([[3, 4]]);
  });
});
