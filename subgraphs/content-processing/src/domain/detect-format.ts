import { badInput } from "@aiwf/platform";
import { DocumentFormat } from "./document";
import { closesFence, type Fence, openingFence } from "./text-blocks";

// Markdown signals. A strong one alone decides; plain prose can show one weak one by
// accident (a dash list, a quoted line), so weak ones count only in pairs.
// Each pattern runs in linear time: a repeat never crosses the character that starts the
// next attempt (`[` inside link text, `|` before a table's first pipe), so 1 MiB of
// brackets or pipes cannot make it backtrack quadratically.
const STRONG_MARKDOWN: Array<(text: string) => boolean> = [
  (text) => /^ {0,3}#{1,6}[ \t]+\S/m.test(text), // ATX heading
  (text) => /!?\[[^[\]\n]+\]\([^()\s]+(?:[ \t]+"[^"\n]*")?\)/.test(text), // link or image
  (text) => /^[^\n|]*\|[^\n]*\n {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|/m.test(text), // table header and delimiter row
  (text) => /^[^\n\s][^\n]*\n {0,3}=+[ \t]*$/m.test(text), // setext heading, level 1
  hasClosedFence,
];
const WEAK_MARKDOWN = [
  /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S[^\n]*\n {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/m, // two list items in a row
  /^ {0,3}>[ \t]?\S/m, // blockquote
  /(\*\*|__)(?=\S)[^*_\n]{0,200}\S\1/, // strong emphasis
  /`[^`\n]+`/, // inline code
];

/** A code fence opened and closed (an unclosed one is just a line of backticks). */
function hasClosedFence(text: string): boolean {
  let fence: Fence | undefined;
  for (const line of text.split("\n")) {
    if (fence && closesFence(line, fence)) return true;
    fence ??= openingFence(line);
  }
  return false;
}

// An HTML document starts with its doctype or root element; a fragment that opens with a
// block element and closes it (a pasted <article> or <div>) is HTML too.
const HTML_DOCUMENT = /^\s*(?:<!doctype\s+html|<html[\s>]|<(?:head|body)[\s>])/i;
const HTML_FRAGMENT = /^\s*<(article|main|section|div|p|h[1-6]|ul|ol|table)[\s>][\s\S]*<\/\1>\s*$/i;

/**
 * What textual content is, judged from the content alone. Markdown is recognised by its
 * structure (headings, code fences, links, tables, lists); anything else textual is TEXT.
 * PDF is recognised earlier, by its magic bytes (`%PDF-`).
 */
export function detectFormat(text: string): DocumentFormat {
  if (HTML_DOCUMENT.test(text) || HTML_FRAGMENT.test(text)) return DocumentFormat.HTML;
  if (STRONG_MARKDOWN.some((signal) => signal(text))) return DocumentFormat.MARKDOWN;
  const weak = WEAK_MARKDOWN.filter((signal) => signal.test(text)).length;
  return weak >= 2 ? DocumentFormat.MARKDOWN : DocumentFormat.TEXT;
}

/** The detected format, refusing a declared format that disagrees (the mismatch is reported in the error). */
export function resolveFormat(content: { pdf: true } | { text: string }, declared: DocumentFormat | null | undefined): DocumentFormat {
  const detected = "pdf" in content ? DocumentFormat.PDF : detectFormat(content.text);
  if (declared && declared !== detected) {
    throw badInput("input.format", `format is ${declared}, but the content reads as ${detected}`, {
      reason: "FORMAT_MISMATCH",
      detected,
    });
  }
  return detected;
}

/**
 * A PDF must end with its `%%EOF` marker (within the last KiB, where writers put it) and
 * hold at least one object: a truncated upload fails here, before anything is stored.
 * Damage inside the file only shows when it is parsed: that document then FAILS with a reason.
 */
export function checkPdfStructure(bytes: Uint8Array, field: string): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  const body = Buffer.from(bytes).toString("latin1");
  if (!tail.includes("%%EOF") || !/\d+\s+\d+\s+obj\b/.test(body)) {
    throw badInput(field, "the PDF is truncated or corrupt (no end-of-file marker or no objects)", { reason: "CORRUPT_PDF" });
  }
}
