import type { Document, DocumentChunk, NewDocument } from "./document";
import type { OutboxDraft } from "./outbox";
import type { DocumentCursor } from "./pagination";

export interface StoredDocument {
  document: Document;
  /** False when the tenant already had a document with the same content hash. */
  created: boolean;
}

export interface DocumentPage {
  /** Newest first. */
  documents: Document[];
  hasNextPage: boolean;
  /** All of the tenant's documents, not only this page. */
  totalCount: number;
}

/**
 * Where documents live. Every method is scoped to one tenant: ids of another tenant's
 * documents behave exactly like ids that do not exist.
 */
export interface DocumentStore {
  /**
   * Writes the document (PENDING) and a job to process it atomically, unless the tenant
   * already has a document with the same content hash: that one is returned and nothing
   * is written. `runAfter` is when the job becomes claimable.
   */
  createOrGet(draft: NewDocument, runAfter: Date): Promise<StoredDocument>;
  /** The tenant's documents among `ids`, in no particular order; unknown ids are left out. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Document[]>;
  /** A page of the tenant's documents, newest first, starting after `after`. */
  list(tenantId: string, page: { first: number; after?: DocumentCursor }): Promise<DocumentPage>;
  /** The document's chunks in order; empty for unknown documents. */
  chunksOf(tenantId: string, documentId: string): Promise<DocumentChunk[]>;
  /**
   * Sets the document back to PENDING (clearing a failure) and queues a fresh job, in one
   * transaction; undefined for unknown documents. Its old chunks stay searchable until
   * the new ones replace them.
   */
  requeue(tenantId: string, documentId: string, runAfter: Date): Promise<Document | undefined>;
  /**
   * Deletes the document with its chunks, embeddings and job, and records `event` in the
   * outbox, in one transaction. False (and no event) for unknown documents.
   */
  delete(tenantId: string, documentId: string, event: OutboxDraft): Promise<boolean>;
}
