import type { DocumentAnalysis } from "./analysis";
import type { DocumentChunk, DocumentFormat } from "./document";
import type { OutboxDraft } from "./outbox";

/** A job a worker holds under a lease, with what it needs to process the document. */
export interface ClaimedJob {
  jobId: string;
  tenantId: string;
  documentId: string;
  title: string;
  format: DocumentFormat;
  source: Uint8Array;
  /** Claims so far, this one included. */
  attempts: number;
}

export interface ProcessedDocument {
  text: string;
  wordCount: number;
  analysis: DocumentAnalysis;
  chunks: Array<DocumentChunk & { embedding: number[] }>;
  /** content.document.processed, recorded in the same transaction. */
  event: OutboxDraft<"content.document.processed">;
}

/**
 * The processing job queue. Jobs are claimed with FOR UPDATE SKIP LOCKED under a lease:
 * concurrent workers never claim one job twice, and a job whose worker died becomes
 * claimable again when its lease expires.
 */
export interface ProcessingQueue {
  /** Claims up to `limit` due jobs until `now + leaseMs` and marks their documents PROCESSING. */
  claim(options: { limit: number; leaseMs: number; now: Date }): Promise<ClaimedJob[]>;
  /**
   * Replaces the document's chunks and embeddings, marks it READY with its text and
   * analysis, records the event and removes the job, in one transaction. False when the
   * job is no longer this claim's (its lease expired and another worker took it).
   */
  complete(job: ClaimedJob, result: ProcessedDocument, now: Date): Promise<boolean>;
  /** Releases the job to run again at `retryAt`, the document back to PENDING, remembering the error. */
  retry(job: ClaimedJob, error: string, retryAt: Date): Promise<void>;
  /** Marks the document FAILED with `reason` and removes the job. */
  fail(job: ClaimedJob, reason: string, now: Date): Promise<void>;
}
