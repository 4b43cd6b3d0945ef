// How the graph's points reach hnswlib. hnswlib-node 3.0.0's HierarchicalNSW.addPoint
// takes a plain Array and reads it element by element through N-API (two calls per
// element: over a third of building the graph at 256 dimensions). This project's install
// patches it to also take a Float32Array, copied from its buffer
// (patches/hnswlib-node+3.0.0.patch, applied by scripts/patch-deps.mjs). An install where
// the patch did not apply still works, through plain arrays: hence a probe, not a version
// check.

/**
 * Whether this build of hnswlib-node's `HierarchicalNSW.addPoint` takes a Float32Array.
 *
 * @param {{ HierarchicalNSW: new (space: string, dims: number) => { initIndex(n: number, m: number, ef: number, seed: number): void; addPoint(p: unknown, label: number): void; getCurrentCount(): number } }} hnswlib
 * @returns {boolean}
 */
export function addPointTakesFloat32Array(hnswlib) {
  const probe = new hnswlib.HierarchicalNSW('cosine', 2);
  probe.initIndex(1, 4, 8, 1);
  try {
    probe.addPoint(new Float32Array([1, 0]), 0);
  } catch {
    return false; // unpatched: "must be an Array"
  }
  return probe.getCurrentCount() === 1;
}

/**
 * A function that inserts point `k` of a packed batch (`count × dims` floats) under
 * `label`: straight from the batch when hnswlib takes a Float32Array, else through one
 * plain array reused for every point.
 *
 * @param {{ addPoint(p: unknown, label: number): void }} index
 * @param {number} dims
 * @param {boolean} typed what {@link addPointTakesFloat32Array} said
 * @returns {(batch: Float32Array, k: number, label: number) => void}
 */
export function pointAdder(index, dims, typed) {
  if (typed) return (batch, k, label) => index.addPoint(batch.subarray(k * dims, (k + 1) * dims), label);
  const point = new Array(dims).fill(0);
  return (batch, k, label) => {
    for (let i = 0; i < dims; i++) point[i] = batch[k * dims + i];
    index.addPoint(point, label);
  };
}
