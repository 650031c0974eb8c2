import { createHash } from "node:crypto";
import type { DocumentChunk, DocumentFormat } from "./document";
import { chunkDocument } from "./chunk-document";
import { resolveFormat } from "./detect-format";
import { checkContent, checkTitle, type IngestInput } from "./ingest-input";
import { countWords } from "./word-count";

/** What ingest derives from the input before anything is stored. */
export interface PreparedDocument {
  title: string;
  format: DocumentFormat;
  text: string;
  contentHash: string;
  wordCount: number;
  chunks: DocumentChunk[];
}

/**
 * Validates and processes ingest input, purely: throws BAD_USER_INPUT (naming the field)
 * or PAYLOAD_TOO_LARGE before any write, so a refused input leaves nothing behind.
 */
export function prepareDocument(input: IngestInput): PreparedDocument {
  const title = checkTitle(input.title);
  const text = checkContent(input.content);
  const format = resolveFormat(text, input.format);
  return {
    title,
    format,
    text,
    contentHash: createHash("sha256").update(text, "utf8").digest("hex"),
    wordCount: countWords(text, format),
    chunks: chunkDocument(text, format),
  };
}
