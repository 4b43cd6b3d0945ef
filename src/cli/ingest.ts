/**
 * `npm run ingest [-- --seeds DIR --out DIR --force]`: builds or refreshes the index and
 * prints a summary. Exit code 0 when an index is usable afterwards, 1 otherwise.
 */
import '../load-env.js';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createEmbedder } from '../index/embedders.js';
import { ensureIndex, type IngestReport } from '../index/ingest.js';

/** Formats an ingestion report for people. */
export function formatReport(r: IngestReport, seedsDir: string, outDir: string): string {
  const lines: string[] = [];
  if (r.upToDate) {
    lines.push(`Index in ${outDir} is up to date with ${seedsDir}: ${r.articles} articles, ${r.passages} passages (checked in ${r.ms.toFixed(0)} ms).`);
  } else {
    if (r.reason) lines.push(`Building index: ${r.reason}`);
    lines.push(
      `Ingested ${r.articles} article(s) from ${seedsDir} into ${outDir}: ${r.passages} passages (${r.embedded} embedded, ${r.reused} reused) in ${(r.ms / 1000).toFixed(2)} s.`,
    );
  }
  for (const s of r.skipped) lines.push(`  skipped ${s.source}: ${s.reason}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  // Text removed from articles is never dropped silently: what, where and how much.
  for (const d of r.dropped ?? []) lines.push(`  removed from ${d.source}: ${d.reason} (${d.chars} characters, ${d.lines} line(s)): ${d.excerpt}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { seeds: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
  });
  const config = loadConfig(process.env);
  const seedsDir = values.seeds ?? config.seedsDir;
  const outDir = values.out ?? config.dataDir;
  const embedder = createEmbedder(config.embedder);
  const showProgress = process.stderr.isTTY && !values.quiet;
  const { report } = await ensureIndex({
    seedsDir,
    outDir,
    embedder,
    force: values.force,
    onProgress: (done, total) => {
      if (showProgress && total >= 2000) process.stderr.write(`\r  embedding ${done}/${total} passages`);
      if (showProgress && total >= 2000 && done === total) process.stderr.write('\n');
    },
  });
  console.log(formatReport(report, seedsDir, outDir));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Ingestion failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
