/**
 * Adding articles to a large index without rebuilding it (issue 11: one article into a
 * 100k-passage index in seconds, not the minute a rebuild of the HNSW graph takes).
 *
 * When the only change to the seeds since the live generation is new article files (every
 * indexed article unchanged byte for byte, the guide unchanged, same embedder, pipeline and
 * graph settings), the new generation is the live one with the new articles' passages
 * appended: their vectors are added to a copy of the live graph (hnswlib `resizeIndex` +
 * `addPoint`), their lines appended to copies of the passage and article files, their terms
 * merged into the BM25 postings and their cases into the composer's library. Nothing of
 * the old articles is cleaned, split, tokenised, embedded or inserted again, and the live
 * generation's files are verified against its manifest as they are read.
 *
 * The appended passages take the labels after all existing ones, whatever their file
 * names: the generation holds the same passages, ids and statistics as a build from
 * scratch; when the new names sort after the old ones (dated names do), its passage, BM25,
 * article and library files are byte-for-byte that build's (the graph holds the same
 * vectors, linked in another order); otherwise the order of labels differs too
 * (`npm run ingest -- --force` rebuilds in name order). Any other change (an edited or removed article, the guide)
 * goes through the full build, which reuses unchanged articles (pipeline.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { buildLibrary, type LibraryArticle } from '../answer/compose.js';
import { decodeLibrary, encodeLibrary, mergeLibrary } from '../answer/library-file.js';
import { GUIDE_DIR, guideFiles } from '../corpus/guide.js';
import { type Article, CATALOG_FILE, decodeText, listSeedEntries } from '../corpus/load.js';
import type { Passage, SplitOptions } from '../corpus/split.js';
import { Bm25Merger, type Bm25Parts, type ForwardPostings } from '../retrieval/bm25.js';
import { abandonGeneration, type BuildStage, commitGeneration, fileShaOf, startGeneration } from './build.js';
import { CheckedFile, type FileSum } from './checked-file.js';
import type { Embedder } from './embedders.js';
import { storedArticleLine } from './encode-article.js';
import { HashingEmbeddings } from './hashing-embeddings.js';
import { decodeBm25, writeBm25Parts } from './lexical-file.js';
import { type HnswParams, INDEX_FILES, type IndexFile, type IndexManifest, readManifest, textHash } from './load.js';
import { encodePassage } from './passage-file.js';
import { readGeneration } from './prefetch.js';
import { prepareChunk } from './prepare-chunk.js';

/**
 * How each file of a generation is extended. Typed by the list of index files, so that a
 * new kind of file does not compile until appending knows what to do with it.
 */
export const APPENDED: Record<IndexFile, string> = {
  'hnswlib.index': 'a copy of the graph, grown by the new vectors',
  'args.json': 'copied',
  'passages.jsonl': 'the new lines after the old',
  'bm25.bin': 'postings merged (appendBm25)',
  'articles.jsonl': 'the new lines after the old',
  'library.json': 'the new cases, figures and advice after the old (appendLibrary)',
};

/** Article file extensions, as loadSeeds reads them. */
const ARTICLE_EXTENSIONS = ['.txt', '.md'];

/** What {@link planAppend} found: the live generation and the files to add to it. */
export interface AppendPlan {
  dir: string;
  manifest: IndexManifest;
  /** New seed file names, sorted. */
  added: string[];
}

/**
 * Whether the seeds differ from the live generation only by new article files; the plan
 * when they do, else undefined (then a full build is needed). Reads the manifest and the
 * seed files, not the index.
 */
export async function planAppend(opts: {
  outDir: string;
  seedsDir: string;
  embedderId: string;
  pipeline: string;
  hnsw: HnswParams;
  /** sha256 of each seed file's bytes, as the corpus fingerprint read them (by name; guide pages by path). */
  files?: Map<string, string>;
}): Promise<AppendPlan | undefined> {
  // Schema and embedder as loadIndex checks them; any problem is the full build's to repair.
  const live = await readManifest(opts.outDir, opts.embedderId).catch(() => undefined);
  if (!live) return undefined;
  const { manifest, dir } = live;
  const h = manifest.hnsw;
  if (
    manifest.pipeline !== opts.pipeline ||
    h?.m !== opts.hnsw.m ||
    h.efConstruction !== opts.hnsw.efConstruction ||
    h.efSearch !== opts.hnsw.efSearch ||
    INDEX_FILES.some((f) => !manifest.files?.[f])
  )
    return undefined;
  const indexed = new Map(manifest.articles.map((a) => [a.source, a.sha256]));
  const indexedBytes = new Map(manifest.articles.map((a) => [a.source, a.fileSha256]));
  const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
  // Unchanged when its bytes hash as recorded (no decoding); else its decoded text must.
  const unchanged = async (source: string, path: string, decode: (b: Buffer) => string | undefined) => {
    const recorded = indexedBytes.get(source);
    const now = opts.files?.get(source);
    if (recorded !== undefined && now !== undefined) return recorded === now;
    const text = decode(await readFile(path));
    return text !== undefined && sha(text) === indexed.get(source);
  };
  // The guide: the same pages with the same bytes.
  const pages = await guideFiles(opts.seedsDir);
  const guideIndexed = manifest.articles.filter((a) => a.source.startsWith(`${GUIDE_DIR}/`));
  if (pages.length !== guideIndexed.length) return undefined;
  for (const rel of pages) {
    if (!indexed.has(rel) || !(await unchanged(rel, join(opts.seedsDir, rel), (b) => b.toString('utf8'))))
      return undefined;
  }
  // Seed files: every indexed one still there, unchanged; the others are new.
  const added: string[] = [];
  const seen = new Set<string>();
  // The files the fingerprint read (readable regular files) when given, else a listing.
  const entries = opts.files
    ? [...opts.files.keys()]
        .filter((name) => !name.includes('/'))
        .map((name) => ({ name, path: join(opts.seedsDir, name) }))
    : await listSeedEntries(opts.seedsDir);
  for (const entry of entries) {
    if (entry.name === GUIDE_DIR || entry.name === CATALOG_FILE || 'skip' in entry) continue;
    if (!ARTICLE_EXTENSIONS.some((e) => entry.name.toLowerCase().endsWith(e))) continue;
    const expected = indexed.get(entry.name);
    if (expected === undefined) {
      added.push(entry.name);
      continue;
    }
    const decode = (b: Buffer) => {
      const d = decodeText(b);
      return 'text' in d ? d.text : undefined;
    };
    if (!(await unchanged(entry.name, entry.path, decode))) return undefined;
    seen.add(entry.name);
  }
  if (seen.size + guideIndexed.length !== manifest.articles.length || added.length === 0) return undefined;
  return { dir, manifest, added: added.sort() };
}

/** Thrown when the live generation cannot be extended (a file fails its checksum): rebuild instead. */
export class AppendUnavailableError extends Error {}

/** What {@link appendArticles} did. */
export interface AppendResult {
  dir: string;
  articles: Article[];
  passages: number;
  embedded: number;
  skipped: { source: string; reason: string }[];
  dropped: NonNullable<Awaited<ReturnType<typeof prepareChunk>>['dropped']>;
  warnings: string[];
  ms: { prepare: number; graph: number; save: number };
}

/**
 * Writes and makes live a generation that is `plan`'s with its new articles appended
 * (under the data directory's lock, which the caller holds). On any error the new
 * generation is removed and the live one stays.
 */
export async function appendArticles(
  plan: AppendPlan,
  opts: {
    outDir: string;
    seedsDir: string;
    embedder: Embedder;
    split?: SplitOptions;
    corpusHash: string;
    /** sha256 of the seed files' bytes, recorded for the new articles (see planAppend). */
    files?: Map<string, string>;
    onStage?: (stage: BuildStage) => void | Promise<void>;
    lost: () => boolean;
  },
): Promise<AppendResult> {
  const t0 = performance.now();
  const { manifest } = plan;
  const dims = manifest.embedder.dimensions;
  const hashing = opts.embedder.embeddings instanceof HashingEmbeddings ? dims : undefined;
  // The live generation's files are read and hashed in worker threads while this one
  // prepares the new articles; each is checked against the manifest before it is used.
  // The passage and article files, the largest after the graph, are not read here: they
  // are copied into the new generation as streams and checked as they are copied
  // (copyVerified), so an append holds neither them nor their copies in memory.
  const checked = INDEX_FILES.filter((name) => !COPIED.has(name));
  const reads = readGeneration(
    plan.dir,
    checked.map((name) => ({ name, keep: name !== 'hnswlib.index' })),
  );
  for (const r of reads.values()) r.catch(() => undefined); // awaited below
  const chunk = await prepareChunk({
    seedsDir: opts.seedsDir,
    names: plan.added,
    guide: false,
    split: opts.split,
    hashingDimensions: hashing,
  });
  const fresh = chunk.passages;
  const n = manifest.passageCount;
  const t1 = performance.now();

  const bytes = new Map<string, Buffer>();
  for (const name of checked) {
    const path = join(plan.dir, name);
    const read = await reads.get(name)!.catch((err: unknown) => {
      throw new AppendUnavailableError(`${path} cannot be read`, { cause: err });
    });
    const expected = manifest.files[name];
    if (read.size !== expected.bytes || read.sha256 !== expected.sha256)
      throw new AppendUnavailableError(`${path} does not match its manifest`);
    if (read.bytes) bytes.set(name, read.bytes);
  }

  const stage = async (s: BuildStage) => opts.onStage?.(s);
  const draft = await startGeneration(opts.outDir);
  const { tmp } = draft;
  try {
    // The graph: a copy of the live one (read from its file), grown by the new vectors.
    const index = new hnswlib.HierarchicalNSW('cosine', dims);
    await index.readIndex(join(plan.dir, 'hnswlib.index'));
    if (index.getCurrentCount() !== n)
      throw new AppendUnavailableError(`the live graph holds ${index.getCurrentCount()} vectors, its manifest ${n}`);
    let vectors: ArrayLike<number>[];
    if (chunk.vectors) {
      const v = chunk.vectors;
      vectors = fresh.map((_, k) => v.subarray(k * dims, (k + 1) * dims));
    } else {
      vectors = fresh.length ? await opts.embedder.embeddings.embedDocuments(fresh.map((p) => p.text)) : [];
    }
    if (fresh.length > 0) index.resizeIndex(n + fresh.length);
    // hnswlib's addPoint takes a plain array.
    for (const [k, v] of vectors.entries()) index.addPoint(Array.from(v), n + k);
    await stage('embedded');
    const t2 = performance.now();

    await index.writeIndex(join(tmp, 'hnswlib.index'));
    // The other files' checksums are taken as they are written.
    const known: Record<string, FileSum> = {};
    const put = async (name: IndexFile, write: (f: CheckedFile) => Promise<void>) => {
      const f = await CheckedFile.create(join(tmp, name));
      try {
        await write(f);
      } catch (err) {
        await f.abandon();
        throw err;
      }
      known[name] = await f.close();
    };
    const lines = (xs: string[]) => (xs.length ? `${xs.join('\n')}\n` : '');
    const live = (name: IndexFile) => ({ path: join(plan.dir, name), expected: manifest.files[name] });
    await put('args.json', (f) => f.write(bytes.get('args.json')!));
    await put('passages.jsonl', async (f) => {
      await copyVerified(live('passages.jsonl'), f);
      await f.write(lines(fresh.map((p) => encodePassage(p, textHash(p.text)))));
    });
    await put('articles.jsonl', async (f) => {
      await copyVerified(live('articles.jsonl'), f);
      await f.write(lines(chunk.articles.map(storedArticleLine)));
    });
    const prevBm25 = decodeBm25(bytes.get('bm25.bin')!).parts;
    bytes.delete('bm25.bin');
    await put('bm25.bin', (f) => writeBm25Parts(f, appendBm25(prevBm25, mergeForward(chunk.bm25))));
    const prevLibrary = bytes.get('library.json')!.toString('utf8');
    bytes.delete('library.json');
    await put('library.json', (f) => f.write(appendLibrary(prevLibrary, n, fresh, chunk.articles)));
    await stage('saved');

    const perArticle = new Map<string, number>();
    for (const p of fresh) perArticle.set(p.source, (perArticle.get(p.source) ?? 0) + 1);
    const dir = await commitGeneration(
      draft,
      {
        embedder: manifest.embedder,
        passageCount: n + fresh.length,
        corpusHash: opts.corpusHash,
        articles: [
          ...manifest.articles,
          ...chunk.articles.map((a) => ({
            source: a.source,
            title: a.title,
            sha256: chunk.rawSha256[a.source],
            ...fileShaOf(opts.files, a.source),
            passages: perArticle.get(a.source) ?? 0,
          })),
        ],
        hnsw: manifest.hnsw,
        pipeline: manifest.pipeline,
      },
      stage,
      opts.lost,
      known,
    );
    return {
      dir,
      articles: chunk.articles,
      passages: n + fresh.length,
      embedded: fresh.length,
      skipped: chunk.skipped,
      dropped: chunk.dropped,
      warnings: chunk.warnings,
      ms: { prepare: t1 - t0, graph: t2 - t1, save: performance.now() - t2 },
    };
  } catch (err) {
    await abandonGeneration(draft);
    throw err;
  }
}

/** Files of the live generation copied as streams by an append (see appendArticles). */
const COPIED = new Set<IndexFile>(['passages.jsonl', 'articles.jsonl']);

/**
 * Copies a file of the live generation into `out` in 1 MiB pieces, hashing what it reads:
 * throws {@link AppendUnavailableError} (the caller abandons the new generation) when the
 * bytes copied are not those its manifest names.
 */
async function copyVerified(from: { path: string; expected: FileSum }, out: CheckedFile): Promise<void> {
  const h = createHash('sha256');
  let size = 0;
  const pieces = createReadStream(from.path, { highWaterMark: COPY_PIECE })[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Only a failure to read means the live generation cannot be extended; a failure to
      // write (a full disk) is the caller's error as it is.
      const next = await pieces.next().catch((err: unknown) => {
        throw new AppendUnavailableError(`${from.path} cannot be read`, { cause: err });
      });
      if (next.done) break;
      const piece: Buffer = next.value;
      h.update(piece);
      size += piece.length;
      await out.write(piece);
    }
  } finally {
    await pieces.return?.();
  }
  if (size !== from.expected.bytes || h.digest('hex') !== from.expected.sha256)
    throw new AppendUnavailableError(`${from.path} does not match its manifest`);
}

/** Piece size of {@link copyVerified}: CheckedFile's buffer, so each piece is one write. */
const COPY_PIECE = 1 << 20;

/** The term-ordered arrays of forward postings, documents in their order. */
function mergeForward(fwd: ForwardPostings): Bm25Parts {
  const merger = new Bm25Merger();
  const src = merger.addSource(fwd);
  for (let d = 0; d < fwd.lengths.length; d++) merger.addDoc(src, d);
  return merger.finishParts();
}

/**
 * BM25 postings of `prev` followed by documents `added` (numbered after prev's): the very
 * arrays {@link Bm25Builder} gives for all of them in that order (terms in code-unit
 * order, each term's documents ascending), found by merging instead of re-adding 100k
 * documents. `added` may list its terms in any order (a worker's partial index).
 */
export function appendBm25(prev: Bm25Parts, added: Bm25Parts): Bm25Parts {
  const n = prev.lengths.length;
  const order = added.terms.map((_, i) => i);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  order.sort((a, b) => cmp(added.terms[a], added.terms[b]));
  const terms: string[] = [];
  const offsets: number[] = [0];
  const docs = new Uint32Array(prev.docs.length + added.docs.length);
  const tfs = new Uint16Array(docs.length);
  let at = 0;
  const copy = (p: Bm25Parts, t: number, shift: number) => {
    for (let i = p.offsets[t]; i < p.offsets[t + 1]; i++) {
      docs[at] = p.docs[i] + shift;
      tfs[at] = p.tfs[i];
      at++;
    }
  };
  let i = 0;
  let j = 0;
  while (i < prev.terms.length || j < order.length) {
    const c = i >= prev.terms.length ? 1 : j >= order.length ? -1 : cmp(prev.terms[i], added.terms[order[j]]);
    if (c <= 0) {
      terms.push(prev.terms[i]);
      copy(prev, i, 0);
    }
    if (c >= 0) {
      if (c > 0) terms.push(added.terms[order[j]]);
      copy(added, order[j], n);
    }
    if (c <= 0) i++;
    if (c >= 0) j++;
    offsets.push(at);
  }
  const lengths = new Uint32Array(n + added.lengths.length);
  lengths.set(prev.lengths);
  lengths.set(added.lengths, n);
  return { terms, offsets: Uint32Array.from(offsets), docs, tfs, lengths };
}

/**
 * The composer's library of the live generation with the new articles' cases, figures
 * and advice appended: what buildLibrary finds over all passages, since it finds them
 * article by article, in label order (the guide, which it indexes across articles, is
 * unchanged when appending).
 */
export function appendLibrary(
  prevText: string,
  firstLabel: number,
  passages: readonly Passage[],
  articles: readonly LibraryArticle[],
): string {
  const lib = decodeLibrary(prevText, () => {
    throw new Error('not used when appending');
  });
  mergeLibrary(
    lib,
    buildLibrary(
      passages,
      articles.map(({ source, title, meta }) => ({ source, title, meta })),
      firstLabel,
    ),
  );
  return encodeLibrary(lib);
}
