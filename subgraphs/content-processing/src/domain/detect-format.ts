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

const HTML_DOCUMENT = /^\s*(?:<!doctype\s+html|<html[\s>]|<(?:head|body)[\s>])/i;

/**
 * What the content is, judged from the content alone. Markdown is recognised by its
 * structure (headings, code fences, links, tables, lists); anything else textual is TEXT.
 */
export function detectFormat(text: string): DocumentFormat {
  if (text.startsWith("%PDF-")) return DocumentFormat.PDF;
  if (HTML_DOCUMENT.test(text)) return DocumentFormat.HTML;
  if (STRONG_MARKDOWN.some((signal) => signal(text))) return DocumentFormat.MARKDOWN;
  const weak = WEAK_MARKDOWN.filter((signal) => signal.test(text)).length;
  return weak >= 2 ? DocumentFormat.MARKDOWN : DocumentFormat.TEXT;
}

/** Formats this slice can process; HTML and PDF extraction come later. */
const PROCESSABLE: ReadonlySet<DocumentFormat> = new Set([DocumentFormat.TEXT, DocumentFormat.MARKDOWN]);

/** The detected format, refusing a declared format that disagrees or one not processed yet. */
export function resolveFormat(text: string, declared?: DocumentFormat | null): DocumentFormat {
  const detected = detectFormat(text);
  if (declared && declared !== detected) {
    throw badInput("input.format", `format is ${declared}, but the content reads as ${detected}`, {
      reason: "FORMAT_MISMATCH",
      detected,
    });
  }
  if (!PROCESSABLE.has(detected)) {
    throw badInput(declared ? "input.format" : "input.content", `${detected} documents are not supported yet`, {
      reason: "UNSUPPORTED_FORMAT",
      detected,
    });
  }
  return detected;
}
