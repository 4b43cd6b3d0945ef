/**
 * Reading and checking the optional metadata catalog of a seeds directory (`catalog.json`:
 * title, publisher, place, date and URL by file name), once per build. A module of its own
 * because zod costs ~15 MB of modules per thread: the preparing threads get the checked
 * catalog with their task (pipeline.ts) and never load this (issue 11).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CATALOG_FILE, type CatalogEntry, type CheckedCatalog } from './catalog-types.js';

const entrySchema = z.object({
  title: z.string().min(1).optional(),
  publisher: z.string().optional(),
  place: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});
const catalogSchema = z.record(z.string(), z.unknown());

// The schema's type is the one the loader declares (catalog-types.ts), and back.
const sameType: [z.infer<typeof entrySchema>, CatalogEntry] extends [CatalogEntry, z.infer<typeof entrySchema>]
  ? true
  : false = true;
void sameType;

/** Reads and checks `catalog.json` of `dir`; a missing file is an empty catalog. */
export async function readCatalog(dir: string): Promise<CheckedCatalog> {
  const out: CheckedCatalog = { entries: {}, invalid: {}, keys: [], warnings: [] };
  let text: string;
  try {
    text = await readFile(join(dir, CATALOG_FILE), 'utf8');
  } catch {
    return out;
  }
  let raw: Record<string, unknown>;
  try {
    raw = catalogSchema.parse(JSON.parse(text));
  } catch (err) {
    out.warnings.push(
      `${CATALOG_FILE} is not a valid JSON object (${(err as Error).message}); titles are derived from the texts`,
    );
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    out.keys.push(key);
    const r = entrySchema.safeParse(value);
    if (r.success) out.entries[key] = r.data;
    else out.invalid[key] = r.error.issues[0]?.message ?? 'invalid entry';
  }
  return out;
}
