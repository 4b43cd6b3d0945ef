/**
 * The LangChain docstore that serves an index's passages (passage-file.ts) to HNSWLib. A
 * module of its own, loaded with HNSWLib when an index is loaded: LangChain's Document
 * brings in ~25 MB of modules that a build alone does not need (issue 11: peak memory).
 */
import type { SynchronousInMemoryDocstore } from '@langchain/community/stores/doc/in_memory';
import { Document } from '@langchain/core/documents';
import type { PassageMetadata, PassageSource } from './passage-file.js';

/**
 * A docstore over passages in label order, for LangChain's HNSWLib (which looks documents
 * up by the label as a string). Documents are made on demand: a search touches a few
 * dozen, so holding a Document per passage would only cost memory.
 */
export class PassageDocstore {
  private readonly added = new Map<string, Document>();

  constructor(private readonly source: PassageSource) {}

  /** The Document with hnswlib label `id`. Throws for an unknown label, like LangChain's store. */
  search(id: string): Document {
    const extra = this.added.get(id);
    if (extra) return extra;
    const label = Number(id);
    const p = Number.isInteger(label) ? this.source.passage(label) : undefined;
    if (!p) throw new Error(`ID ${id} not found.`);
    const { text, ...rest } = p;
    const metadata: PassageMetadata = { ...rest, label, textHash: this.source.hash(label) };
    return new Document({ pageContent: text, metadata });
  }

  /** Documents added after loading (HNSWLib.addDocuments); kept in memory, never saved here. */
  add(texts: Record<string, Document>): void {
    for (const [k, v] of Object.entries(texts)) this.added.set(k, v);
  }

  /**
   * All documents as a Map, for code that expects LangChain's in-memory docstore (its
   * HNSWLib.save serialises this). Built on each call; our own code never needs it.
   */
  get _docs(): Map<string, Document> {
    const m = new Map<string, Document>();
    for (let i = 0; i < this.source.length; i++) m.set(String(i), this.search(String(i)));
    for (const [k, v] of this.added) m.set(k, v);
    return m;
  }
}

/** The docstore typed as HNSWLib's constructor expects (it only calls search, add and, in save, _docs). */
export function asHnswDocstore(d: PassageDocstore): SynchronousInMemoryDocstore {
  return d as unknown as SynchronousInMemoryDocstore;
}
