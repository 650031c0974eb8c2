import path from "node:path";
import type * as PdfParse from "pdf-parse";
import { loadEsm, resolveWithNode } from "./load-esm";

const { PDFParse } = loadEsm<typeof PdfParse>("pdf-parse");

// pdf.js parses in a "worker"; on Node it is a fake one in this thread, which it would load
// with a dynamic import() (refused inside test runners' module registries). Handing it the
// worker's message handler up front, loaded with Node's own require, skips that import.
const globals = globalThis as { pdfjsWorker?: { WorkerMessageHandler: unknown } };
globals.pdfjsWorker ??= loadEsm<{ WorkerMessageHandler: unknown }>(path.join(path.dirname(resolveWithNode("pdf-parse")), "pdf.worker.mjs"));

/** A PDF's text, page by page (1-based page numbers). */
export interface PdfText {
  pages: Array<{ page: number; text: string }>;
}

/** A PDF that cannot be read: the document fails with this reason, nothing else does. */
export class UnreadablePdfError extends Error {
  override readonly name = "UnreadablePdfError";
}

/**
 * Text from every page, through pdf.js (pdf-parse 2 wraps pdfjs-dist 5, which runs on Node
 * 20). pdf.js reads damaged files leniently; what it cannot read at all becomes an
 * UnreadablePdfError with its reason.
 */
export async function extractPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { pages: result.pages.map((p) => ({ page: p.num, text: p.text.trim() })) };
  } catch (error) {
    throw new UnreadablePdfError(`the PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
