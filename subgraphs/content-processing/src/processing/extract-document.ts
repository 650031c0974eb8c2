import { type ChunkingOptions, chunkDocument, DEFAULT_CHUNKING } from "../domain/chunk-document";
import { type DocumentChunk, DocumentFormat } from "../domain/document";
import { countWords } from "../domain/word-count";
import { extractHtml } from "./extract-html";
import { extractPdf } from "./extract-pdf";

/** A document's readable text, its structural chunks and its word count. */
export interface ExtractedDocument {
  text: string;
  chunks: DocumentChunk[];
  wordCount: number;
}

/**
 * Text and chunks for each format: Markdown and text as they are, HTML as its readable
 * main text with headings kept (as Markdown headings), PDF page by page (each page's
 * chunks carry the heading path `Page n`).
 */
export async function extractDocument(format: DocumentFormat, source: Uint8Array, chunking: ChunkingOptions = DEFAULT_CHUNKING): Promise<ExtractedDocument> {
  if (format === DocumentFormat.PDF) {
    const { pages } = await extractPdf(source);
    const chunks: DocumentChunk[] = [];
    for (const { page, text } of pages) {
      for (const chunk of chunkDocument(text, DocumentFormat.TEXT, chunking)) {
        chunks.push({ ordinal: chunks.length, text: chunk.text, headingPath: [`Page ${page}`] });
      }
    }
    const text = pages.map((p) => p.text).filter((t) => t !== "").join("\n\n");
    return { text, chunks, wordCount: countWords(text, DocumentFormat.TEXT) };
  }
  const decoded = Buffer.from(source).toString("utf8");
  const text = format === DocumentFormat.HTML ? extractHtml(decoded).text : decoded;
  const structure = format === DocumentFormat.TEXT ? DocumentFormat.TEXT : DocumentFormat.MARKDOWN;
  return { text, chunks: chunkDocument(text, structure, chunking), wordCount: countWords(text, structure) };
}
