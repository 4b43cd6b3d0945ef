/**
 * The metadata catalog of a seeds directory, as the loader uses it. Checking the file is
 * catalog.ts's job (with zod); this module holds what the preparing threads need without
 * loading zod (~15 MB of modules per thread, issue 11).
 */

/** Name of the optional metadata file in a seeds directory. */
export const CATALOG_FILE = 'catalog.json';

/** Catalog metadata of one article. */
export interface CatalogEntry {
  title?: string;
  publisher?: string;
  place?: string;
  date?: string;
  url?: string;
}

/** A catalog read and checked: plain data, so that it can be handed to worker threads. */
export interface CheckedCatalog {
  /** Valid entries by file name. */
  entries: Record<string, CatalogEntry>;
  /** Why an entry is ignored, by file name. */
  invalid: Record<string, string>;
  /** Every key of the file, in its order (to report entries that name no file). */
  keys: string[];
  /** Problems with the file itself (the articles are loaded all the same). */
  warnings: string[];
}
