/**
 * Checking the live generation without loading it: its manifest, and every file against
 * the manifest's sizes and checksums. For `npm run ingest`, which must rebuild a damaged
 * index but never serves one, so it need not parse a 100k-passage index to know it is whole.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embedder } from './embedders.js';
import { checkDataDir, readCurrent } from './generations.js';
import { fileSha256, INDEX_FILES, IndexError, type IndexManifest, SCHEMA_VERSION } from './load.js';

const REBUILD = 'rebuild with `npm run ingest`';

/** The live generation's manifest and directory; throws {@link IndexError} as loadIndex would. */
export async function readManifest(
  outDir: string,
  embedder: Embedder,
): Promise<{ manifest: IndexManifest; dir: string }> {
  await checkDataDir(outDir);
  const gen = await readCurrent(outDir);
  if (!gen) throw new IndexError('missing', `No index in ${outDir}: run \`npm run ingest\` to build it.`);
  const dir = join(outDir, gen);
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  } catch (err) {
    throw new IndexError(
      'corrupt',
      `Index manifest ${join(dir, 'manifest.json')} is missing or unreadable: ${REBUILD}.`,
      {
        cause: err,
      },
    );
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION)
    throw new IndexError(
      'schema',
      `Index in ${dir} has schema ${manifest.schemaVersion}, this version reads ${SCHEMA_VERSION}: ${REBUILD}.`,
    );
  if (manifest.embedder?.id !== embedder.id)
    throw new IndexError(
      'embedder',
      `Index in ${dir} was built with embedder ${manifest.embedder?.id}, but ${embedder.id} is configured: ${REBUILD}.`,
    );
  return { manifest, dir };
}

/** Throws {@link IndexError} ('corrupt') when a file of `dir` is missing or differs from `manifest`. */
export async function verifyFiles(dir: string, manifest: IndexManifest): Promise<void> {
  for (const name of INDEX_FILES) {
    const path = join(dir, name);
    const expected = manifest.files?.[name];
    const size = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (!expected || size !== expected.bytes || (await fileSha256(path)) !== expected.sha256)
      throw new IndexError(
        'corrupt',
        `Index file ${path} is missing, truncated or altered (checksum mismatch): ${REBUILD}.`,
      );
  }
}
