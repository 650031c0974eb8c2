import { coOccurrenceWeight, MAX_CANDIDATES, parseCandidates } from "./document-concepts.service";

describe("document candidates", () => {
  it("skip unusable names and scores, keep the best score of duplicates, scale scores above 1", () => {
    expect(parseCandidates([
      { name: "Graphs", score: 4 },
      { name: " graphs ", score: 2 },
      { name: "Trees", score: 2 },
      { name: "   ", score: 1 },
      { name: "x".repeat(300), score: 1 },
      { name: "Zero", score: 0 },
      { name: "NaN", score: Number.NaN },
    ])).toEqual([
      { name: "Graphs", normalizedName: "graphs", weight: 1 },
      { name: "Trees", normalizedName: "trees", weight: 0.5 },
    ]);
  });

  it(`keep at most ${MAX_CANDIDATES}, the best scored`, () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, score: (i + 1) / 40 }));
    const kept = parseCandidates(many);
    expect(kept).toHaveLength(MAX_CANDIDATES);
    expect(kept[0]).toEqual({ name: "c39", normalizedName: "c39", weight: 1 });
  });

  it("weigh co-occurrence in (0, 1), growing with the documents shared", () => {
    expect([1, 2, 3].map(coOccurrenceWeight)).toEqual([0.5, 2 / 3, 0.75]);
  });
});
