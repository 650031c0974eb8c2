import { randomUUID } from "node:crypto";
import { analyseText } from "../analysis/analyse-text";
import type { ClaimedJob, ProcessedDocument } from "../domain/processing-queue";
import type { EmbeddingProvider } from "../embedding/embedding-provider";
import { extractDocument } from "./extract-document";
import { UnreadablePdfError } from "./extract-pdf";

/** A failure retrying cannot fix (the content itself is the problem): the document FAILS at once. */
export class UnprocessableDocumentError extends Error {
  override readonly name = "UnprocessableDocumentError";
}

/** How many candidate concepts travel with content.document.processed. */
const EVENT_CONCEPTS = 10;

/**
 * Everything processing derives from a claimed job: text and chunks (extraction),
 * analysis, one embedding per chunk, and the processed event. Pure apart from the
 * embedding provider; the queue writes the result in one transaction.
 */
export async function processDocument(job: ClaimedJob, embeddings: EmbeddingProvider, now: Date): Promise<ProcessedDocument> {
  let extracted;
  try {
    extracted = await extractDocument(job.format, job.source);
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
