import { isDomainError } from "@aiwf/platform";
import { checkPdfStructure, detectFormat, resolveFormat } from "./detect-format";

describe("detectFormat", () => {
  it.each([
    ["an ATX heading", "# Setup\n\nInstall it."],
    ["a closed code fence", "Run this:\n\n```sh\nnpm start\n```"],
    ["a link", "See [the guide](https://example.com/guide) first."],
    ["a table", "| name | port |\n| --- | --- |\n| gateway | 4000 |"],
    ["a setext heading", "Setup\n=====\n\nInstall it."],
    ["a list and emphasis together", "Steps:\n- **first** do this\n- then that"],
  ])("reads %s as MARKDOWN", (_, text) => {
    expect(detectFormat(text)).toBe("MARKDOWN");
  });

  it.each([
    ["prose", "The quick brown fox jumps over the lazy dog.\n\nA second paragraph."],
    ["a hashtag without a space", "#1 priority is shipping. #launch"],
    ["one weak signal: a dash list", "Groceries:\n- milk\n- eggs"],
    ["an unclosed fence", "```\nlooks like code but never closes"],
  ])("reads %s as TEXT", (_, text) => {
    expect(detectFormat(text)).toBe("TEXT");
  });

  it("recognises HTML documents and fragments by their structure", () => {
    expect(detectFormat("<!DOCTYPE html><html><body><p>Hi</p></body></html>")).toBe("HTML");
    expect(detectFormat("<article><h1>Title</h1><p>Body.</p></article>")).toBe("HTML");
    expect(detectFormat("Use <b>bold</b> sparingly.")).toBe("TEXT");
  });
});

describe("resolveFormat", () => {
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (isDomainError(error)) return { code: error.code, ...error.details };
      throw error;
    }
    throw new Error("expected a DomainError");
  };

  it("accepts a declared format that agrees, and detects when none is declared", () => {
    expect(resolveFormat({ text: "# Title\n\nBody" }, "MARKDOWN")).toBe("MARKDOWN");
    expect(resolveFormat({ text: "Just words." }, undefined)).toBe("TEXT");
    expect(resolveFormat({ pdf: true }, "PDF")).toBe("PDF");
  });

  it("refuses a declared format the content contradicts, naming input.format and what was detected", () => {
    expect(errorOf(() => resolveFormat({ text: "Just words." }, "MARKDOWN"))).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.format",
      reason: "FORMAT_MISMATCH",
      detected: "TEXT",
    });
    expect(errorOf(() => resolveFormat({ pdf: true }, "HTML"))).toMatchObject({ field: "input.format", detected: "PDF" });
  });
});

describe("checkPdfStructure", () => {
  it("refuses a truncated PDF up front", () => {
    expect(() => checkPdfStructure(Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), "input.contentBase64")).toThrow(/truncated or corrupt/);
    expect(() => checkPdfStructure(Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), "x")).not.toThrow();
  });
});
