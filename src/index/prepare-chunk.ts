/**
 * One piece of corpus preparation, run in a worker thread (prepare-worker.mjs) or in the
 * calling thread: load and clean some seed files, split them into passages, and index
 * the passages' lexical terms. Pure in its inputs, so the result does not depend on the
 * thread that computed it.
 */
import { loadSeeds, type Article, type DropReport, type Skipped } from '../corpus/load.js';
import { splitArticle, type Passage, type SplitOptions } from '../corpus/split.js';
import { Bm25Builder, passageTokens, type Bm25Parts } from '../retrieval/bm25.js';

/** What a chunk is asked to do. */
export interface ChunkTask {
  seedsDir: string;
  /** Seed file names of this chunk (sorted). */
  names: string[];
  /** Whether this chunk also loads the guide (exactly one chunk does). */
  guide: boolean;
  split?: SplitOptions;
}

/** What a chunk gives back. */
export interface ChunkResult {
  articles: Article[];
  passages: Passage[];
  /** BM25 arrays over `passages` (document i = passages[i]). */
  bm25: Bm25Parts;
  skipped: Skipped[];
  dropped: DropReport[];
  warnings: string[];
  /** CPU time of each part in this thread, ms. */
  ms: { loadClean: number; split: number; lexical: number };
}

/** Marks passages of guide pages 'guide' and all others 'news' (citations differ). */
export function withKind(passages: Passage[], a: Article): Passage[] {
  const kind = a.meta.kind === 'guide' ? 'guide' : 'news';
  for (const p of passages) p.kind = kind;
  return passages;
}

/** Runs one chunk. */
export async function prepareChunk(task: ChunkTask): Promise<ChunkResult> {
  const t0 = performance.now();
  const only = new Set(task.names);
  const loaded = await loadSeeds(task.seedsDir, { only: (n) => only.has(n), guide: task.guide });
  const t1 = performance.now();
  const passages = loaded.articles.flatMap((a) => withKind(splitArticle(a.cleaned, a.source, a.title, task.split), a));
  const t2 = performance.now();
  const builder = new Bm25Builder();
  for (const p of passages) builder.add(passageTokens(p.text));
  const bm25 = builder.finish().parts;
  const t3 = performance.now();
  return {
    articles: loaded.articles,
    passages,
    bm25,
    skipped: loaded.skipped,
    dropped: loaded.dropped ?? [],
    warnings: loaded.warnings,
    ms: { loadClean: t1 - t0, split: t2 - t1, lexical: t3 - t2 },
  };
}
