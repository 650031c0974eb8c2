import { createHash } from "node:crypto";
import type { DocumentFormat } from "./document";
import { checkPdfStructure, resolveFormat } from "./detect-format";
import { checkTitle, decodeText, type IngestInput, readContent } from "./ingest-input";

/** What ingest derives from the input before anything is stored. */
export interface PreparedDocument {
  title: string;
  format: DocumentFormat;
  /** Normalised UTF-8 text for textual formats; the file's bytes for PDF. */
  source: Buffer;
  contentHash: string;
}

const PDF_MAGIC = Buffer.from("%PDF-", "latin1");

/**
 * Validates ingest input and detects its format, purely and cheaply: throws BAD_USER_INPUT
 * (naming the field) or PAYLOAD_TOO_LARGE before any write, so a refused input leaves
 * nothing behind. Extraction and analysis run later, off the request path.
 */
export function prepareDocument(input: IngestInput): PreparedDocument {
  const title = checkTitle(input.title);
  const { bytes, field } = readContent(input);
  let source: Buffer;
  let format: DocumentFormat;
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    format = resolveFormat({ pdf: true }, input.format);
    checkPdfStructure(bytes, field);
    source = bytes;
  } else {
    const text = decodeText(bytes, field);
    format = resolveFormat({ text }, input.format);
    source = Buffer.from(text, "utf8");
  }
  return { title, format, source, contentHash: createHash("sha256").update(source).digest("hex") };
}
