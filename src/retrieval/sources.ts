/** Looking up a cited passage by id, with its paragraph and article, for "show source". */
import type { LoadedIndex } from '../index/store.js';

/** A passage in context (Simplified, as stored). */
export interface SourceView {
  title: string;
  source: string;
  place?: string;
  date?: string;
  section?: string;
  paragraph: string;
  /** Offsets of the passage inside `paragraph`. */
  start: number;
  end: number;
}

/** Finds passages by id. */
export interface SourceLookup {
  view(passageId: string): SourceView | undefined;
}

/** A lookup over a loaded index (articles are parsed on first use, not at start). */
export function createSourceLookup(index: LoadedIndex): SourceLookup {
  // Ids are mapped to labels on the first lookup, not at start (an index object without
  // labelOf, e.g. a hand-made one, maps them from its passages).
  let byId: Map<string, number> | undefined;
  const labelOf = (id: string) => {
    if (index.labelOf) return index.labelOf(id);
    byId ??= new Map(index.passages.map((p, label) => [p.id, label]));
    return byId.get(id);
  };
  return {
    view(id) {
      const label = labelOf(id);
      const p = label === undefined ? undefined : index.passage(label);
      if (!p) return undefined;
      const a = index.article(p.source);
      const para = a?.paragraphs[p.paragraphIndex];
      if (!a || !para) return { title: p.title, source: p.source, paragraph: p.text, start: 0, end: p.text.length };
      // A guide item opens with its whole section (the items of the same section, one per line).
      const guide = a.meta.guide;
      if (guide && para.section) {
        const items = a.paragraphs.filter((x) => x.section === para.section).map((x) => x.text);
        const at = items.indexOf(para.text);
        const start = items.slice(0, Math.max(0, at)).reduce((n, t) => n + t.length + 1, 0);
        return {
          title: a.title,
          source: p.source,
          date: a.meta.date,
          section: guide.sections[para.section] ?? para.section,
          paragraph: items.join('\n'),
          start,
          end: start + para.text.length,
        };
      }
      // Paragraphs are joined by a blank line in the article text the offsets refer to.
      let paraStart = 0;
      for (let i = 0; i < p.paragraphIndex; i++) paraStart += a.paragraphs[i].text.length + 2;
      const start = p.start - paraStart;
      const ok = start >= 0 && para.text.slice(start, start + p.text.length) === p.text;
      return {
        title: a.title,
        source: p.source,
        place: a.meta.place,
        date: a.meta.date,
        section: para.section,
        paragraph: ok ? para.text : p.text,
        start: ok ? start : 0,
        end: ok ? start + p.text.length : p.text.length,
      };
    },
  };
}
