import { createHash } from "node:crypto";
import { chunkDocument } from "./chunk-document";
import { detectFormat } from "./detect-format";
import { MAX_CONTENT_BYTES } from "./ingest-input";
import { prepareDocument } from "./prepare-document";
import { countWords } from "./word-count";

describe("prepareDocument", () => {
  it("derives format, normalised source and hash from text content", () => {
    const prepared = prepareDocument({ title: " Notes ", content: "# Plan\r\n\r\nShip the **first** slice.\r\n" });
    const text = "# Plan\n\nShip the **first** slice.";
    expect(prepared).toEqual({
      title: "Notes",
      format: "MARKDOWN",
      source: Buffer.from(text),
      contentHash: createHash("sha256").update(text).digest("hex"),
    });
  });

  it("takes base64 content too, and reads a PDF by its magic bytes", () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "latin1");
    expect(prepareDocument({ title: "P", contentBase64: pdf.toString("base64") })).toMatchObject({ format: "PDF", source: pdf });
    expect(prepareDocument({ title: "H", contentBase64: Buffer.from("<html><body><p>Hi</p></body></html>").toString("base64") }).format).toBe("HTML");
  });

  it("hashes content, not its line endings or title, so re-ingesting finds the same document", () => {
    const unix = prepareDocument({ title: "A", content: "Same words.\nSecond line." });
    const windows = prepareDocument({ title: "B", content: "Same words.\r\nSecond line.\r\n" });
    expect(windows.contentHash).toBe(unix.contentHash);
  });
});

describe("processing hostile content", () => {
  // A pattern that backtracks turns one of these into minutes of CPU inside a request.
  const size = MAX_CONTENT_BYTES;
  const repeat = (unit: string) => unit.repeat(Math.floor(size / unit.length));
  const hostile = {
    brackets: repeat("["),
    "open links": repeat("[a](x"),
    pipes: repeat("|"),
    "tag openers": repeat("<a"),
    "autolink openers": repeat("<http:"),
    "unclosed fences": repeat("```x\n"),
    "a long run of spaces": `a${" ".repeat(size - 2)}a`,
    "a heading of spaces": `# ${" ".repeat(size - 3)}x`,
    "closing hashes": `# x${"#".repeat(size - 4)}x`,
    emphasis: repeat("**a"),
  };

  it.each(Object.entries(hostile))("handles 1 MiB of %s in linear time", (_, text) => {
    const started = Date.now();
    detectFormat(text);
    countWords(text, "MARKDOWN");
    chunkDocument(text, "MARKDOWN");
    chunkDocument(text, "TEXT");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
