import { badInput, DomainError } from "@aiwf/platform";
import type { DocumentFormat } from "./document";

/** What a caller hands to ingest: the content as text or as base64, never both. */
export interface IngestInput {
  title: string;
  content?: string | null;
  contentBase64?: string | null;
  /** Optional: when given it must agree with what the content is. */
  format?: DocumentFormat | null;
}

export const MAX_TITLE_LENGTH = 300;
/** 1 MiB of content (decoded bytes for base64). */
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** Above this share of control or replacement characters, content is binary, not text. */
const MAX_SUSPICIOUS_SHARE = 0.01;

// C0 controls other than tab, newline and form feed; DEL; C1 controls; U+FFFD, which a
// decoder leaves where bytes were not valid UTF-8.
const SUSPICIOUS = /[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

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

function tooLarge(field: string, bytes: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", `content is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}`, {
    field,
    limit: MAX_CONTENT_BYTES,
  });
}

/** The content's bytes and the field they came from. Size is checked before anything scans it. */
export function readContent(input: Pick<IngestInput, "content" | "contentBase64">): { bytes: Buffer; field: string } {
  const hasText = typeof input.content === "string";
  const hasBase64 = typeof input.contentBase64 === "string";
  if (hasText === hasBase64) throw badInput("input.content", "give the content either as `content` (text) or as `contentBase64`, exactly one");
  if (hasText) {
    const bytes = Buffer.byteLength(input.content!, "utf8");
    if (bytes > MAX_CONTENT_BYTES) throw tooLarge("input.content", bytes);
    return { bytes: Buffer.from(input.content!, "utf8"), field: "input.content" };
  }
  const encoded = input.contentBase64!.replace(/\s+/g, "");
  // 4 characters carry 3 bytes: refuse by length before decoding anything.
  const decodedSize = Math.floor((encoded.length * 3) / 4);
  if (decodedSize > MAX_CONTENT_BYTES + 2) throw tooLarge("input.contentBase64", decodedSize);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) throw badInput("input.contentBase64", "contentBase64 is not valid base64");
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length > MAX_CONTENT_BYTES) throw tooLarge("input.contentBase64", bytes.length);
  return { bytes, field: "input.contentBase64" };
}

/** Bytes as normalised text: refuses invalid UTF-8, binary data and emptiness. */
export function decodeText(bytes: Uint8Array, field: string): string {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badInput(field, "content is binary or not valid UTF-8 text", { reason: "NOT_TEXT" });
  }
  const text = normaliseContent(decoded);
  if (text.trim() === "") throw badInput(field, "content must not be empty");
  if (isBinary(text)) throw badInput(field, "content is binary or not valid text; send UTF-8 text", { reason: "NOT_TEXT" });
  return text;
}

/** NUL and lone surrogates cannot be stored as UTF-8 text at all; a few stray controls can. */
export function isBinary(text: string): boolean {
  if (text.includes("\u0000") || LONE_SURROGATE.test(text)) return true;
  const suspicious = text.match(SUSPICIOUS)?.length ?? 0;
  return suspicious / text.length > MAX_SUSPICIOUS_SHARE;
}
