/**
 * `npm run ingest [-- --seeds DIR --out DIR --force]`: builds or refreshes the index and
 * prints a summary. Exit code 0 when an index is usable afterwards, 1 otherwise.
 */
import { loadConfig } from '../config.js';
import { createEmbedder } from '../index/embedders.js';
import { type IngestReport, updateIndex } from '../index/ingest.js';
import { runCli } from './run.js';

/** Formats an ingestion report for people. */
export function formatReport(r: IngestReport, seedsDir: string, outDir: string): string {
  const lines: string[] = [];
  if (r.upToDate) {
    lines.push(
      `Index in ${outDir} is up to date with ${seedsDir}: ${r.articles} articles, ${r.passages} passages (checked in ${r.ms.toFixed(0)} ms).`,
    );
  } else {
    if (r.reason) lines.push(`Building index: ${r.reason}`);
    lines.push(
      `Ingested ${r.articles} article(s) from ${seedsDir} into ${outDir}: ${r.passages} passages (${r.embedded} embedded, ${r.reused} reused) in ${(r.ms / 1000).toFixed(2)} s.`,
    );
  }
  for (const s of r.skipped) lines.push(`  skipped ${s.source}: ${s.reason}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  // Text removed from articles is never dropped silently: what, where and how much.
  for (const d of r.dropped ?? [])
    lines.push(`  removed from ${d.source}: ${d.reason} (${d.chars} characters, ${d.lines} line(s)): ${d.excerpt}`);
  return lines.join('\n');
}

await runCli({
  name: 'ingest',
  summary:
    'Builds or refreshes the index from the seeds directory and prints a summary: articles, passages, and every skipped file with its reason. Only new or changed passages are embedded. Exit code 0 when an index is usable afterwards, 1 otherwise.',
  options: {
    seeds: { type: 'string', valueName: 'DIR', description: 'article directory (default: SEEDS_DIR, or seeds/)' },
    out: { type: 'string', valueName: 'DIR', description: 'index directory (default: DATA_DIR, or data/index/)' },
    force: { type: 'boolean', description: 'rebuild and re-embed every passage even when the index is up to date' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
  async main({ values }) {
    const config = loadConfig(process.env);
    const seedsDir = values.seeds ?? config.seedsDir;
    const outDir = values.out ?? config.dataDir;
    const embedder = createEmbedder(config.embedder);
    const showProgress = process.stderr.isTTY && !values.quiet;
    let shown = false;
    // The index is verified, not loaded, when it is up to date: an ingest never serves it.
    const report = await updateIndex({
      seedsDir,
      outDir,
      embedder,
      force: values.force,
      // The total is not known while the corpus streams into the graph (0).
      onProgress: (done, total) => {
        if (!showProgress || done < 2000) return;
        shown = true;
        process.stderr.write(`\r  indexed ${done}${total ? `/${total}` : ''} passages`);
      },
    });
    if (shown) process.stderr.write('\n');
    console.log(formatReport(report, seedsDir, outDir));
    return 0;
  },
});
