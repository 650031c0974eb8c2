import { chunkDocument, splitToFit } from "./chunk-document";

describe("chunkDocument", () => {
  it("gives each Markdown section its heading path, outermost first", () => {
    const markdown = [
      "Intro before any heading.",
      "# Guide",
      "Welcome.",
      "## Install",
      "Run the installer.",
      "### Linux",
      "Use the package.",
      "## Use",
      "Open the app.",
    ].join("\n\n");
    expect(chunkDocument(markdown, "MARKDOWN")).toEqual([
      { ordinal: 0, text: "Intro before any heading.", headingPath: [] },
      { ordinal: 1, text: "Welcome.", headingPath: ["Guide"] },
      { ordinal: 2, text: "Run the installer.", headingPath: ["Guide", "Install"] },
      { ordinal: 3, text: "Use the package.", headingPath: ["Guide", "Install", "Linux"] },
      { ordinal: 4, text: "Open the app.", headingPath: ["Guide", "Use"] },
    ]);
  });

  it("keeps fenced code whole: its # lines are not headings and its blank lines do not split", () => {
    const markdown = "# Script\n\n```sh\n# a comment\n\necho hi\n```\n\nAfter.";
    expect(chunkDocument(markdown, "MARKDOWN")).toEqual([
      { ordinal: 0, text: "```sh\n# a comment\n\necho hi\n```\n\nAfter.", headingPath: ["Script"] },
    ]);
  });

  it("drops a heading's closing #s but keeps #s that belong to the title", () => {
    const chunks = chunkDocument("## Install ##\n\nRun it.\n\n## Learn C#\n\nRead it.", "MARKDOWN");
    expect(chunks.map((c) => c.headingPath)).toEqual([["Install"], ["Learn C#"]]);
  });

  it("reads setext headings and drops blocks without words", () => {
    const markdown = "Title\n=====\n\nBody text.\n\nPart\n----\n\n***\n\nMore.";
    expect(chunkDocument(markdown, "MARKDOWN")).toEqual([
      { ordinal: 0, text: "Body text.", headingPath: ["Title"] },
      { ordinal: 1, text: "More.", headingPath: ["Title", "Part"] },
    ]);
  });

  it("packs paragraphs of plain text up to the size limit, never past it", () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} ${"word ".repeat(15).trim()}.`);
    const chunks = chunkDocument(paragraphs.join("\n\n"), "TEXT", 200);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.text.length <= 200 && c.headingPath.length === 0)).toBe(true);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    expect(chunks.map((c) => c.text).join("\n\n")).toBe(paragraphs.join("\n\n"));
  });
});

describe("splitToFit", () => {
  it("cuts at sentences, then words, then characters", () => {
    expect(splitToFit("One two. Three four. Five six.", 12)).toEqual(["One two.", "Three four.", "Five six."]);
    expect(splitToFit("alpha beta gamma delta", 11)).toEqual(["alpha beta", "gamma delta"]);
    expect(splitToFit("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});
