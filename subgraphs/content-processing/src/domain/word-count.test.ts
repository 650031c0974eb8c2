import { countWords } from "./word-count";

describe("countWords", () => {
  it("counts words with inner apostrophes and hyphens as one", () => {
    expect(countWords("Don't re-run the well-known test, 2 times!", "TEXT")).toBe(7);
  });

  it("counts Unicode letters and leaves punctuation out", () => {
    expect(countWords("Naïve café — über straße… ¿qué?", "TEXT")).toBe(5);
  });

  it("leaves Markdown link targets, autolinks and tags out of the count", () => {
    const markdown = "# Read [the guide](https://example.com/a/b?c=d) <https://x.org> <br/> now";
    expect(countWords(markdown, "MARKDOWN")).toBe(4);
    expect(countWords(markdown, "TEXT")).toBeGreaterThan(4);
  });
});
