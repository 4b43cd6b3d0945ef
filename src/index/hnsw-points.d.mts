/** Types of hnsw-points.mjs (plain JavaScript: the graph's worker thread imports it from the sources and from dist/ alike). */
export declare function addPointTakesFloat32Array(hnswlib: unknown): boolean;
export declare function pointAdder(
  index: { addPoint(p: unknown, label: number): void },
  dims: number,
  typed: boolean,
): (batch: Float32Array, k: number, label: number) => void;
