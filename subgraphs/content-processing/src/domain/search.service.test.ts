import type { ChunkHit } from "./search-index";
import { fuse, RRF_K } from "./search.service";

const hit = (documentId: string, ordinal: number, highlights: string[] = []): ChunkHit => ({
  documentId,
  ordinal,
  text: `${documentId}#${ordinal}`,
  headingPath: [],
  score: 0,
  highlights,
});

describe("reciprocal rank fusion", () => {
  it("ranks chunks both lists agree on first, and sums 1 / (k + rank)", () => {
    const keyword = [hit("a", 0, ["<b>graph</b>"]), hit("b", 0), hit("c", 0)];
    const semantic = [hit("c", 0), hit("a", 0), hit("d", 0)];
    const fused = fuse([keyword, semantic], 3);
    expect(fused.map((h) => h.documentId)).toEqual(["a", "c", "b"]);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2), 12);
    expect(fused[0]!.highlights).toEqual(["<b>graph</b>"]);
  });

  it("keeps chunks of one document apart and cuts at the limit", () => {
    expect(fuse([[hit("a", 0), hit("a", 1)], []], 1)).toEqual([{ ...hit("a", 0), score: 1 / (RRF_K + 1) }]);
  });
});
