/**
 * The persisted passage index, stored as immutable generations under the data directory:
 * layout, locking and the atomic switch in generations.ts, writing in build.ts, loading
 * and verification in load.ts, the passages file and LangChain docstore in
 * passage-file.ts, the BM25 file in lexical-file.ts. This module gathers their public API.
 */
export { DataDirError, IngestLockedError, lockDataDir, type DataDirLock } from './generations.js';
export { writeIndex, type BuildOptions, type BuildStage, type BuildStats } from './build.js';
export {
  DEFAULT_HNSW,
  IndexError,
  INDEX_FILES,
  loadIndex,
  SCHEMA_VERSION,
  textHash,
  type HnswParams,
  type IndexManifest,
  type IndexProblem,
  type LoadedIndex,
  type StoredArticle,
} from './load.js';
export { PassageDocstore, type PassageMetadata } from './passage-file.js';
