import { type DocumentChunk, DocumentFormat } from "./document";
import { markdownBlocks, plainTextBlocks, type TextBlock } from "./text-blocks";

/** How documents are cut into chunks (CHUNK_TARGET_CHARS, CHUNK_OVERLAP_CHARS). */
export interface ChunkingOptions {
  /**
   * Chunks are packed toward this many characters and never pass it: small enough for an
   * embedding model's input, large enough to keep a few paragraphs of context together.
   */
  targetChars: number;
  /**
   * At most this many characters from the end of a chunk (whole sentences, else whole
   * words) open the next chunk of the same section, so a passage cut at a chunk boundary
   * is still found whole in one of them. 0 turns overlap off.
   */
  overlapChars: number;
}

/** 2000 characters with 12% overlap. */
export const DEFAULT_CHUNKING: ChunkingOptions = { targetChars: 2000, overlapChars: 240 };

const SEPARATOR = "\n\n";
// Oversized blocks are cut at the coarsest boundary that fits: lines, sentences, words.
const BOUNDARIES = [/\n/, /(?<=[.!?…])\s+/, /\s+/];
const HAS_WORDS = /[\p{L}\p{N}]/u;
// Where an overlap may start: after a sentence's end or a line break, else after a space.
const SENTENCE_STARTS = /[.!?…]["'”’)\]]*\s+|\n\s*/g;
const WORD_STARTS = /\s+/g;

/** Refuses options that cannot produce chunks: overlap must leave room for new text. */
export function checkChunkingOptions(options: ChunkingOptions): ChunkingOptions {
  const { targetChars, overlapChars } = options;
  if (!Number.isInteger(targetChars) || targetChars < 20) throw new RangeError("targetChars must be an integer of at least 20");
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars > targetChars / 2) {
    throw new RangeError("overlapChars must be an integer from 0 to half of targetChars");
  }
  return options;
}

/**
 * Structural chunking: consecutive blocks under the same heading path are packed
 * together toward `targetChars`; a new heading always starts a new chunk (with no
 * overlap: the sections are about different things). Within a section, a chunk cut for
 * size ends with a tail that the next chunk repeats (`overlapChars`). Blocks with no
 * letters or digits (rules, stray markup) carry nothing to search and are dropped.
 *
 * The third argument may be a plain number: the target size, without overlap.
 */
export function chunkDocument(text: string, format: DocumentFormat, options: ChunkingOptions | number = DEFAULT_CHUNKING): DocumentChunk[] {
  const { targetChars, overlapChars } = typeof options === "number" ? { targetChars: options, overlapChars: 0 } : checkChunkingOptions(options);
  // A piece must fit after a full overlap and its separator, so no chunk passes the target.
  const pieceLimit = overlapChars > 0 ? targetChars - overlapChars - SEPARATOR.length : targetChars;
  const blocks: TextBlock[] = format === DocumentFormat.MARKDOWN ? markdownBlocks(text) : plainTextBlocks(text);
  const chunks: DocumentChunk[] = [];
  const headings: Array<{ level: number; title: string }> = [];
  let pending: string[] = [];
  // How many of `pending` are new text (the rest is the previous chunk's overlap).
  let fresh = 0;

  const flush = (carry: boolean) => {
    if (fresh === 0) {
      pending = [];
      return;
    }
    const chunkText = pending.join(SEPARATOR);
    chunks.push({ ordinal: chunks.length, text: chunkText, headingPath: headings.map((h) => h.title) });
    const tail = carry ? overlapTail(chunkText, overlapChars) : "";
    pending = tail === "" ? [] : [tail];
    fresh = 0;
  };

  for (const block of blocks) {
    if (block.kind === "heading") {
      flush(false);
      while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
      headings.push(block);
      continue;
    }
    if (!HAS_WORDS.test(block.text)) continue;
    for (const piece of splitToFit(block.text, pieceLimit)) {
      if (fresh > 0 && [...pending, piece].join(SEPARATOR).length > targetChars) flush(true);
      pending.push(piece);
      fresh += 1;
    }
  }
  flush(false);
  return chunks;
}

/**
 * The longest proper suffix of `text` of at most `maxChars` that starts at a sentence
 * (or line) boundary; failing that, at a word boundary; failing that, nothing. A proper
 * suffix: the next chunk never repeats a whole chunk.
 */
export function overlapTail(text: string, maxChars: number): string {
  if (maxChars <= 0) return "";
  for (const boundary of [SENTENCE_STARTS, WORD_STARTS]) {
    for (const match of text.matchAll(boundary)) {
      const start = match.index + match[0].length;
      if (start > 0 && start < text.length && text.length - start <= maxChars) return text.slice(start);
    }
  }
  return "";
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
