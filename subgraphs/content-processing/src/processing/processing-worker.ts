import type { Logger } from "@aiwf/platform";
import type { ChunkingOptions } from "../domain/chunk-document";
import type { ClaimedJob, ProcessingQueue } from "../domain/processing-queue";
import type { EmbeddingProvider } from "../embedding/embedding-provider";
import type { Summariser } from "../summary/summariser";
import { type AnalyzerPluginRunner, processDocument, UnprocessableDocumentError } from "./process-document";
import { createPoller, type Poller } from "./poller";

export interface ProcessingWorkerOptions {
  queue: ProcessingQueue;
  embeddings: EmbeddingProvider;
  /** The tenants' analyzer plugins, run over each document's text after its analysis. */
  plugins?: AnalyzerPluginRunner;
  logger: Logger;
  /** Chunk size and overlap (default DEFAULT_CHUNKING). */
  chunking?: ChunkingOptions;
  /** An LLM summariser; without it, summaries are extractive. */
  summariser?: Summariser;
  clock?: () => Date;
  /** Idle poll interval; ingest wakes the worker at once (default 500 ms). */
  pollMs?: number;
  /** How long a claim is held before another worker may take the job over (default 60 s). */
  leaseMs?: number;
  /** Claims before a document with transient errors FAILS (default 3). */
  maxAttempts?: number;
  /** Jobs claimed per round (default 4). */
  batchSize?: number;
  /** Backoff before retry n: base x 2^(n-1) (default 1 s). */
  retryBaseMs?: number;
  /** Called after a document was processed (its event is in the outbox). */
  onEventsRecorded?: () => void;
}

/**
 * Processes documents off the request path: claims due jobs, extracts, analyses and
 * embeds, and writes each result in one transaction. A document whose content cannot be
 * processed FAILS with a reason at once; other errors retry with exponential backoff up to
 * `maxAttempts`, then FAIL with the last error. One document's failure never stops the rest.
 */
/** How long a worker owns a claimed job; past it, another worker may take the job over. */
export const PROCESSING_LEASE_MS = 60_000;

export function createProcessingWorker(options: ProcessingWorkerOptions): Poller & { runOnce(): Promise<number> } {
  const { queue, embeddings, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? PROCESSING_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 1000;

  async function handle(job: ClaimedJob): Promise<void> {
    const log = logger.child({ tenant: job.tenantId, documentId: job.documentId, attempt: job.attempts });
    try {
      const result = await processDocument(job, embeddings, clock(), { plugins: options.plugins, logger: log, chunking: options.chunking, summariser: options.summariser });
      const completed = await queue.complete(job, result, clock());
      if (!completed) log.warn("processing finished after the lease passed to another worker; its result was dropped");
      else {
        log.info({ chunks: result.chunks.length }, "document processed");
        options.onEventsRecorded?.();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof UnprocessableDocumentError || job.attempts >= maxAttempts) {
        const reason = error instanceof UnprocessableDocumentError ? message : `processing failed ${job.attempts} times; last error: ${message}`;
        log.warn({ reason }, "document failed");
        await queue.fail(job, reason, clock());
      } else {
        const retryAt = new Date(clock().getTime() + retryBaseMs * 2 ** (job.attempts - 1));
        log.warn({ err: error, retryAt }, "processing failed; will retry");
        await queue.retry(job, message, retryAt);
      }
    }
  }

  /** One round: claim a batch and process it; the number of jobs handled. */
  async function runOnce(): Promise<number> {
    const jobs = await queue.claim({ limit: options.batchSize ?? 4, leaseMs, now: clock() });
    for (const job of jobs) await handle(job);
    return jobs.length;
  }

  return { ...createPoller({ name: "processing worker", intervalMs: options.pollMs ?? 500, logger, round: runOnce }), runOnce };
}
