/**
 * Checking the live generation without loading it: its manifest, and every file against
 * the manifest's sizes and checksums. For `npm run ingest`, which must rebuild a damaged
 * index but never serves one, so it need not parse a 100k-passage index to know it is whole.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSha256, INDEX_FILES, IndexError, type IndexManifest } from './load.js';

const REBUILD = 'rebuild with `npm run ingest`';

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
