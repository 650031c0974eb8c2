import { DomainError } from "@aiwf/platform";
import { checkTitle, decodeText, isBinary, MAX_CONTENT_BYTES, normaliseContent, readContent } from "./ingest-input";

/** Text content as ingest reads it: bytes first (size), then decoding. */
const checkContent = (content: string) => decodeText(readContent({ content }).bytes, "input.content");

const failure = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
};

describe("ingest input", () => {
  it("trims titles and refuses empty or over-long ones on input.title", () => {
    expect(checkTitle("  Release notes ")).toBe("Release notes");
    expect(failure(() => checkTitle("   ")).details).toMatchObject({ field: "input.title" });
    expect(checkTitle("é".repeat(300))).toHaveLength(300);
    expect(failure(() => checkTitle("x".repeat(301))).code).toBe("BAD_USER_INPUT");
  });

  it("normalises line endings, byte order mark, Unicode form and outer blank space", () => {
    expect(normaliseContent("\ufeff\r\n\r\nLine one\r\nLine two\rcafe\u0301  \n\n")).toBe("Line one\nLine two\ncafé");
  });

  it("refuses empty and whitespace-only content on input.content", () => {
    expect(failure(() => checkContent(" \n\t ")).details).toEqual({ field: "input.content" });
  });

  it("refuses content over 1 MiB of UTF-8 as PAYLOAD_TOO_LARGE with the limit", () => {
    const error = failure(() => checkContent("é".repeat(MAX_CONTENT_BYTES / 2 + 1)));
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.details).toEqual({ field: "input.content", limit: MAX_CONTENT_BYTES });
    expect(() => checkContent("a".repeat(MAX_CONTENT_BYTES))).not.toThrow();
  });

  it("refuses both or neither of content and contentBase64, and bad base64", () => {
    expect(failure(() => readContent({})).details).toMatchObject({ field: "input.content" });
    expect(failure(() => readContent({ content: "a", contentBase64: "YQ==" })).details).toMatchObject({ field: "input.content" });
    expect(failure(() => readContent({ contentBase64: "not base64!" })).details).toMatchObject({ field: "input.contentBase64" });
    expect(readContent({ contentBase64: "aGVs\nbG8=" }).bytes.toString()).toBe("hello");
    const huge = Buffer.alloc(MAX_CONTENT_BYTES + 1).toString("base64");
    expect(failure(() => readContent({ contentBase64: huge })).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses bytes that are not valid UTF-8", () => {
    expect(failure(() => decodeText(Buffer.from([0x68, 0xff, 0xfe, 0x69]), "input.contentBase64")).details).toMatchObject({
      field: "input.contentBase64",
      reason: "NOT_TEXT",
    });
  });

  it("tells binary from text", () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97) % 256));
    expect(isBinary(bytes.toString("latin1"))).toBe(true);
    expect(isBinary(bytes.toString("utf8"))).toBe(true);
    expect(isBinary("text with a NUL\u0000 byte")).toBe(true);
    expect(isBinary("a lone surrogate \ud800 here")).toBe(true);
    expect(isBinary(`Ordinary text with a stray escape \u001b in ${"many words ".repeat(20)}`)).toBe(false);
    expect(isBinary("Emoji 🚀 and accents: naïve café, 日本語")).toBe(false);
    expect(failure(() => checkContent(bytes.toString("latin1"))).details).toMatchObject({ field: "input.content", reason: "NOT_TEXT" });
  });
});
