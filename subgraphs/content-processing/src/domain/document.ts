/** How a document arrived. Detected from the content; a declared format must agree. */
export const DocumentFormat = { TEXT: "TEXT", MARKDOWN: "MARKDOWN", HTML: "HTML", PDF: "PDF" } as const;
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

/**
 * Where a document is in its processing. This slice processes synchronously, so documents
 * are READY when ingest returns; the other states are for the asynchronous pipeline.
 */
export const DocumentStatus = { PENDING: "PENDING", PROCESSING: "PROCESSING", READY: "READY", FAILED: "FAILED" } as const;
export type DocumentStatus = (typeof DocumentStatus)[keyof typeof DocumentStatus];

/** A stored document as readers see it, always within one tenant. */
export interface Document {
  tenantId: string;
  id: string;
  title: string;
  format: DocumentFormat;
  status: DocumentStatus;
  text: string;
  /** sha256 (hex) of `text`: the tenant's dedup key. */
  contentHash: string;
  wordCount: number;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A structural piece of a document: a run of paragraphs under one heading path. */
export interface DocumentChunk {
  /** 0-based position in the document. */
  ordinal: number;
  text: string;
  /** The headings above the chunk, outermost first; empty for text without headings. */
  headingPath: string[];
}

/** Everything the store writes for a new document, in one transaction. */
export interface NewDocument extends Omit<Document, "chunkCount" | "updatedAt"> {
  chunks: DocumentChunk[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document ids are UUIDs; anything else names no document (and must not reach a uuid column). */
export function isDocumentId(value: string): boolean {
  return UUID.test(value);
}
