/**
 * How strongly a text names a scam type. A module of its own (not in hybrid.ts, which
 * loads LangChain's retriever classes): the composer's library is built at ingest, where
 * those ~900 modules cost memory beside the preparing threads (issue 11).
 */
import type { ScamType } from '../knowledge/scam-types.js';
import { normalizeForSearch } from '../text/script.js';

/**
 * How strongly a passage names a scam type: 1 by its name, 0.5 by an alias or two of its
 * keywords, else 0.
 */
export function typeMention(text: string, t: ScamType, normalized = false): number {
  const n = normalized ? text : normalizeForSearch(text);
  if (t.name.split(/[/（）()]/u).some((s) => s.length >= 2 && n.includes(s))) return 1;
  if (t.aliases.some((a) => a.length >= 2 && n.includes(a))) return 0.5;
  return t.keywords.filter((kw) => n.includes(kw)).length >= 2 ? 0.5 : 0;
}
