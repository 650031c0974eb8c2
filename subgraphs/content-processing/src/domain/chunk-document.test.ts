import { checkChunkingOptions, chunkDocument, overlapTail, splitToFit } from "./chunk-document";

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

describe("chunkDocument with overlap", () => {
  // Worked by hand: P1 and P2 fill 67 of 80 characters, P3 would pass 80, so the first
  // chunk ends there. Its longest tail of whole sentences within 25 characters is
  // "Beta two. Beta three." (21; with "Alpha three." it would be 35). The second chunk
  // opens with it, then P3 and P4 fit exactly: 21 + 2 + 34 + 2 + 21 = 80.
  const p1 = "Alpha one. Alpha two. Alpha three.";
  const p2 = "Beta one. Beta two. Beta three.";
  const p3 = "Gamma one. Gamma two. Gamma three.";
  const p4 = "Delta one. Delta two.";
  const options = { targetChars: 80, overlapChars: 25 };

  it("opens the next chunk with the previous chunk's last sentences", () => {
    expect(chunkDocument([p1, p2, p3, p4].join("\n\n"), "TEXT", options)).toEqual([
      { ordinal: 0, text: `${p1}\n\n${p2}`, headingPath: [] },
      { ordinal: 1, text: `Beta two. Beta three.\n\n${p3}\n\n${p4}`, headingPath: [] },
    ]);
  });

  it("does not carry text across a heading: a new section starts clean", () => {
    const markdown = ["# Alpha", p1, p2, p3, "# Delta", p4].join("\n\n");
    expect(chunkDocument(markdown, "MARKDOWN", options)).toEqual([
      { ordinal: 0, text: `${p1}\n\n${p2}`, headingPath: ["Alpha"] },
      { ordinal: 1, text: `Beta two. Beta three.\n\n${p3}`, headingPath: ["Alpha"] },
      { ordinal: 2, text: p4, headingPath: ["Delta"] },
    ]);
  });

  it("keeps every chunk within the target, each one starting with a short tail of the one before", () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Sentence number ${i} talks about topic ${i % 7}.`);
    const paragraphs = Array.from({ length: 20 }, (_, i) => sentences.slice(i * 6, i * 6 + 6).join(" "));
    const chunks = chunkDocument(paragraphs.join("\n\n"), "TEXT", { targetChars: 500, overlapChars: 60 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.text.length).toBeLessThanOrEqual(500);
      if (i === 0) continue;
      const previous = chunks[i - 1]!.text;
      const shared = overlapTail(previous, 60);
      expect(shared.length).toBeGreaterThan(0);
      expect(chunk.text.startsWith(shared)).toBe(true);
    }
    // Nothing is lost: every sentence is in some chunk.
    for (const sentence of sentences) expect(chunks.some((c) => c.text.includes(sentence))).toBe(true);
  });

  it("refuses an overlap that leaves no room for new text", () => {
    expect(() => checkChunkingOptions({ targetChars: 200, overlapChars: 101 })).toThrow(RangeError);
    expect(() => checkChunkingOptions({ targetChars: 10, overlapChars: 0 })).toThrow(RangeError);
    expect(checkChunkingOptions({ targetChars: 200, overlapChars: 100 })).toEqual({ targetChars: 200, overlapChars: 100 });
  });
});

describe("overlapTail", () => {
  it("takes the longest run of whole sentences that fits, else whole words, else nothing", () => {
    expect(overlapTail("One. Two three. Four five six.", 16)).toBe("Four five six.");
    expect(overlapTail("One. Two three. Four five six.", 25)).toBe("Two three. Four five six.");
    expect(overlapTail("one two three four five", 10)).toBe("four five");
    expect(overlapTail("Supercalifragilistic", 10)).toBe("");
  });

  it("never repeats the whole chunk", () => {
    expect(overlapTail("One. Two.", 100)).toBe("Two.");
    expect(overlapTail("single", 100)).toBe("");
  });
});
