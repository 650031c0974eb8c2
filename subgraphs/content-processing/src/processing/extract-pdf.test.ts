import { corruptPdf, makePdf } from "../../test/fixtures/make-pdf";
import { extractPdf, UnreadablePdfError } from "./extract-pdf";

describe("extractPdf", () => {
  it("reads the text of every page", async () => {
    const pdf = makePdf([["Graph theory basics.", "Nodes and edges."], ["Second page text."]]);
    const { pages } = await extractPdf(pdf);
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[0]!.text).toContain("Graph theory basics.");
    expect(pages[0]!.text).toContain("Nodes and edges.");
    expect(pages[1]!.text).toBe("Second page text.");
  });

  it("fails a PDF it cannot read with a reason", async () => {
    const failure = extractPdf(corruptPdf());
    await expect(failure).rejects.toThrow(UnreadablePdfError);
    await expect(failure).rejects.toThrow(/^the PDF could not be read: (?!Setting up fake worker)/);
  });
});
