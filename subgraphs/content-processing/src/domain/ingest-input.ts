import { badInput, DomainError } from "@aiwf/platform";
import type { DocumentFormat } from "./document";

/** What a caller hands to ingest. */
export interface IngestInput {
  title: string;
  content: string;
  /** Optional: when given it must agree with what the content is. */
  format?: DocumentFormat | null;
}

export const MAX_TITLE_LENGTH = 300;
/** 1 MiB of UTF-8: the synchronous slice processes content inside the request. */
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** Above this share of control or replacement characters, content is binary, not text. */
const MAX_SUSPICIOUS_SHARE = 0.01;

// C0 controls other than tab, newline and form feed; DEL; C1 controls; U+FFFD, which a
// decoder leaves where bytes were not valid UTF-8.
const SUSPICIOUS = /[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks the title and returns it without surrounding whitespace. */
export function checkTitle(title: string): string {
  const trimmed = title.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_TITLE_LENGTH) {
    throw badInput("input.title", `title must be 1 to ${MAX_TITLE_LENGTH} characters`, { limit: MAX_TITLE_LENGTH });
  }
  return trimmed;
}

/**
 * The content as stored and hashed: one Unicode form (NFC), `\n` line endings, no byte
 * order mark, no leading blank lines or trailing whitespace. So the same text pasted from
 * Windows or macOS is the same document.
 */
export function normaliseContent(content: string): string {
  return content
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .replace(/^(?:[ \t]*\n)+/, "")
    .trimEnd();
}

/** Size first, so a huge payload is refused before anything scans it; then emptiness and binary. */
export function checkContent(content: string): string {
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > MAX_CONTENT_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `content is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}`, {
      field: "input.content",
      limit: MAX_CONTENT_BYTES,
    });
  }
  const text = normaliseContent(content);
  if (text.trim() === "") throw badInput("input.content", "content must not be empty");
  if (isBinary(text)) {
    throw badInput("input.content", "content is binary or not valid text; send UTF-8 text", { reason: "NOT_TEXT" });
  }
  return text;
}

/** NUL and lone surrogates cannot be stored as UTF-8 text at all; a few stray controls can. */
export function isBinary(text: string): boolean {
  if (text.includes("\u0000") || LONE_SURROGATE.test(text)) return true;
  const suspicious = text.match(SUSPICIOUS)?.length ?? 0;
  return suspicious / text.length > MAX_SUSPICIOUS_SHARE;
}
