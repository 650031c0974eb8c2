import { planMerge } from "./merge-plan";

describe("planMerge", () => {
  it("re-points the merged concept's edges and mentions, keeps the larger weight, drops edges between the two", () => {
    const plan = planMerge(
      "keep",
      "merge",
      {
        edges: [
          { fromId: "x", toId: "merge", type: "PREREQUISITE", weight: 0.9 },
          { fromId: "merge", toId: "y", type: "RELATED", weight: 0.2 },
          { fromId: "keep", toId: "merge", type: "RELATED", weight: 1 },
        ],
        mentions: [{ documentId: "d1", conceptId: "merge", weight: 0.4 }, { documentId: "d2", conceptId: "merge", weight: 0.5 }],
      },
      {
        edges: [{ fromId: "x", toId: "keep", type: "PREREQUISITE", weight: 0.3 }, { fromId: "keep", toId: "y", type: "RELATED", weight: 0.6 }],
        mentions: [{ documentId: "d1", conceptId: "keep", weight: 0.8 }],
      },
    );
    expect(plan.relationships).toEqual([
      { fromId: "x", toId: "keep", type: "PREREQUISITE", weight: 0.9 },
      { fromId: "keep", toId: "y", type: "RELATED", weight: 0.6 },
    ]);
    expect(plan.mentions).toEqual([{ documentId: "d1", conceptId: "keep", weight: 0.8 }, { documentId: "d2", conceptId: "keep", weight: 0.5 }]);
  });
});
