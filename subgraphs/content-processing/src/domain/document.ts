import type { DocumentAnalysis } from "./analysis";

/** How a document arrived. Detected from the content; a declared format must agree. */
export const DocumentFormat = { TEXT: "TEXT", MARKDOWN: "MARKDOWN", HTML: "HTML", PDF: "PDF" } as const;
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

/**
 * Where a document is in its processing: PENDING when ingest returns, PROCESSING while a
 * worker holds its job, then READY, or FAILED with a reason a user can act on.
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
  /** The extracted readable text; empty until processed. */
  text: string;
  /** sha256 (hex) of the source: the tenant's dedup key. */
  contentHash: string;
  wordCount: number;
  chunkCount: number;
  failureReason: string | null;
  analysis: DocumentAnalysis | null;
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

/** What ingest writes: the document (PENDING, no text yet) and its source, with a job to process it. */
export interface NewDocument {
  tenantId: string;
  id: string;
  title: string;
  format: DocumentFormat;
  /** The content as received: normalised UTF-8 for textual formats, the file's bytes for PDF. */
  source: Uint8Array;
  contentHash: string;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document ids are UUIDs; anything else names no document (and must not reach a uuid column). */
export function isDocumentId(value: string): boolean {
  return UUID.test(value);
}
