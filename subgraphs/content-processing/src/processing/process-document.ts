import { randomUUID } from "node:crypto";
import type { Logger } from "@aiwf/platform";
import { analyseText } from "../analysis/analyse-text";
import type { ChunkingOptions } from "../domain/chunk-document";
import type { ClaimedJob, ProcessedDocument } from "../domain/processing-queue";
import type { EmbeddingProvider } from "../embedding/embedding-provider";
import type { AnalyzerPluginService } from "../plugins/analyzer-plugin.service";
import { chooseSummary, type Summariser } from "../summary/summariser";
import { extractDocument } from "./extract-document";
import { UnreadablePdfError } from "./extract-pdf";

/** A failure retrying cannot fix (the content itself is the problem): the document FAILS at once. */
export class UnprocessableDocumentError extends Error {
  override readonly name = "UnprocessableDocumentError";
}

/** Runs a tenant's analyzer plugins over a text (AnalyzerPluginService). */
export type AnalyzerPluginRunner = Pick<AnalyzerPluginService, "runAnalyzerPlugins">;

export interface ProcessDocumentOptions {
  /** The tenant's analyzer plugins; without it the analysis has no `plugins`. */
  plugins?: AnalyzerPluginRunner;
  /** Where a failing plugin or summariser is reported (at warn). */
  logger?: Logger;
  /** Target size and overlap of chunks (default DEFAULT_CHUNKING). */
  chunking?: ChunkingOptions;
  /** Writes the summary when configured; the extractive summary otherwise, or when it fails. */
  summariser?: Summariser;
}

/** How many candidate concepts travel with content.document.processed. */
const EVENT_CONCEPTS = 10;

/**
 * Everything processing derives from a claimed job: text and chunks (extraction),
 * analysis (with the tenant's analyzer plugins), one embedding per chunk, and the
 * processed event. Pure apart from the embedding provider and the plugins; the queue
 * writes the result in one transaction.
 */
export async function processDocument(
  job: ClaimedJob,
  embeddings: EmbeddingProvider,
  now: Date,
  options: ProcessDocumentOptions = {},
): Promise<ProcessedDocument> {
  let extracted;
  try {
    extracted = await extractDocument(job.format, job.source, options.chunking);
  } catch (error) {
    if (error instanceof UnreadablePdfError) throw new UnprocessableDocumentError(error.message);
    throw error;
  }
  if (extracted.chunks.length === 0) {
    throw new UnprocessableDocumentError(
      job.format === "PDF" ? "the PDF has no extractable text (scanned pages are not read)" : "the document has no readable text",
    );
  }
  const analysis = analyseText(extracted.text, extracted.wordCount);
  if (options.summariser) {
    const chosen = await chooseSummary(analysis.summary, { title: job.title, text: extracted.text, language: analysis.language }, options.summariser);
    Object.assign(analysis, chosen);
    if (chosen.summaryFallbackReason) options.logger?.warn({ reason: chosen.summaryFallbackReason }, "the LLM summary failed; the extractive summary is kept");
  }
  if (options.plugins) {
    // A failing plugin loses its own annotation only: it is recorded with the analysis and
    // never fails the document. (The registry being unreachable does throw: that is retried.)
    analysis.plugins = await options.plugins.runAnalyzerPlugins(job.tenantId, extracted.text);
    for (const failure of analysis.plugins.failures) options.logger?.warn({ plugin: failure }, "an analyzer plugin failed on the document");
  }
  // The heading path gives a chunk its context ("Install > Linux"): embed it with the text.
  const vectors = await embeddings.embed(extracted.chunks.map((c) => [...c.headingPath, c.text].join("\n")));
  return {
    text: extracted.text,
    wordCount: extracted.wordCount,
    analysis,
    chunks: extracted.chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! })),
    event: {
      id: randomUUID(),
      topic: "content.document.processed",
      tenantId: job.tenantId,
      occurredAt: now,
      payload: { documentId: job.documentId, title: job.title, candidateConcepts: analysis.candidateConcepts.slice(0, EVENT_CONCEPTS) },
    },
  };
}
