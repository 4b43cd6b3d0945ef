/**
 * The persisted passage index, stored as immutable generations under the data directory:
 * layout, locking and the atomic switch in generations.ts, writing in build.ts, loading
 * and verification in load.ts, the passages file and LangChain docstore in
 * passage-file.ts, the BM25 file in lexical-file.ts. This module gathers their public API.
 */

export { type BuildOptions, type BuildStage, type BuildStats, writeIndex } from './build.js';
export { DataDirError, type DataDirLock, IngestLockedError, lockDataDir } from './generations.js';
export {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FILES,
  IndexError,
  type IndexManifest,
  type IndexProblem,
  type LoadedIndex,
  loadIndex,
  SCHEMA_VERSION,
  type StoredArticle,
  textHash,
} from './load.js';
export { PassageDocstore } from './passage-docstore.js';
export type { PassageMetadata } from './passage-file.js';
