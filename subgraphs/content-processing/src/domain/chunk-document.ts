import { type DocumentChunk, DocumentFormat } from "./document";
import { markdownBlocks, plainTextBlocks, type TextBlock } from "./text-blocks";

/**
 * Chunks stay under this many characters: small enough for an embedding model's input,
 * large enough to keep a few paragraphs of context together.
 */
export const MAX_CHUNK_CHARS = 2000;

// Oversized blocks are cut at the coarsest boundary that fits: lines, sentences, words.
const BOUNDARIES = [/\n/, /(?<=[.!?…])\s+/, /\s+/];
const HAS_WORDS = /[\p{L}\p{N}]/u;

/**
 * Structural chunking: consecutive blocks under the same heading path are packed
 * together up to MAX_CHUNK_CHARS; a new heading always starts a new chunk. Blocks with
 * no letters or digits (rules, stray markup) carry nothing to search and are dropped.
 */
export function chunkDocument(text: string, format: DocumentFormat, maxChars = MAX_CHUNK_CHARS): DocumentChunk[] {
  const blocks: TextBlock[] = format === DocumentFormat.MARKDOWN ? markdownBlocks(text) : plainTextBlocks(text);
  const chunks: DocumentChunk[] = [];
  const headings: Array<{ level: number; title: string }> = [];
  let pending: string[] = [];

  const flush = () => {
    if (pending.length === 0) return;
    chunks.push({ ordinal: chunks.length, text: pending.join("\n\n"), headingPath: headings.map((h) => h.title) });
    pending = [];
  };

  for (const block of blocks) {
    if (block.kind === "heading") {
      flush();
      while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
      headings.push(block);
      continue;
    }
    if (!HAS_WORDS.test(block.text)) continue;
    for (const piece of splitToFit(block.text, maxChars)) {
      if (pending.length > 0 && [...pending, piece].join("\n\n").length > maxChars) flush();
      pending.push(piece);
    }
  }
  flush();
  return chunks;
}

/** Cuts text into pieces of at most maxChars, preferring line, then sentence, then word boundaries. */
export function splitToFit(text: string, maxChars: number, level = 0): string[] {
  if (text.length <= maxChars) return [text];
  const boundary = BOUNDARIES[level];
  if (!boundary) {
    // One "word" longer than a chunk (a URL, base64): cut it by characters.
    return Array.from({ length: Math.ceil(text.length / maxChars) }, (_, i) => text.slice(i * maxChars, (i + 1) * maxChars));
  }
  const pieces: string[] = [];
  let current = "";
  for (const part of text.split(boundary).filter((p) => p.trim() !== "")) {
    const joined = current === "" ? part : `${current}${level === 0 ? "\n" : " "}${part}`;
    if (joined.length <= maxChars) {
      current = joined;
      continue;
    }
    if (current !== "") pieces.push(current);
    if (part.length <= maxChars) current = part;
    else {
      pieces.push(...splitToFit(part, maxChars, level + 1));
      current = "";
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}
