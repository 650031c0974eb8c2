import type { Concept, Relationship, TenantGraphData } from "./concept";
import { computeGraphMetrics } from "./graph-metrics";

const concept = (name: string): Concept => ({ id: name, name, normalizedName: name, description: null, difficulty: null, tags: [], importance: null, community: null });
const edge = (fromId: string, type: Relationship["type"], toId: string, weight = 1): Relationship => ({ fromId, toId, type, weight });
const graphOf = (names: string[], relationships: Relationship[]): TenantGraphData => ({ concepts: names.map(concept), relationships });
const ranked = (data: TenantGraphData) => {
  const { metrics } = computeGraphMetrics(data);
  return Object.fromEntries(metrics.map((metric) => [metric.id, metric]));
};

describe("importance (weighted PageRank)", () => {
  it("ranks the concept everything builds on first, in the order worked out by hand", () => {
    // a is a prerequisite of b and c, b of c. Rank flows to prerequisites: c endorses a and
    // b, b endorses a, nobody endorses c. So a > b > c.
    const metrics = ranked(graphOf(["a", "b", "c"], [edge("a", "PREREQUISITE", "b"), edge("a", "PREREQUISITE", "c"), edge("b", "PREREQUISITE", "c")]));
    expect(metrics.a!.importance).toBeGreaterThan(metrics.b!.importance);
    expect(metrics.b!.importance).toBeGreaterThan(metrics.c!.importance);
    const total = Object.values(metrics).reduce((sum, metric) => sum + metric.importance, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it("follows the weights: the stronger prerequisite gets more of the rank", () => {
    const metrics = ranked(graphOf(["weak", "strong", "x"], [edge("weak", "PREREQUISITE", "x", 0.1), edge("strong", "PREREQUISITE", "x", 0.9)]));
    expect(metrics.strong!.importance).toBeGreaterThan(metrics.weak!.importance);
  });

  it("gives equal rank to symmetric positions (RELATED counts both ways)", () => {
    const metrics = ranked(graphOf(["a", "b"], [edge("a", "RELATED", "b")]));
    expect(metrics.a!.importance).toBeCloseTo(0.5, 6);
    expect(metrics.b!.importance).toBeCloseTo(0.5, 6);
  });
});

describe("communities (Louvain)", () => {
  it("finds the two obvious communities of two triangles joined by a weak bridge", () => {
    const triangle = (x: string, y: string, z: string) => [edge(x, "RELATED", y), edge(y, "RELATED", z), edge(z, "RELATED", x)];
    const data = graphOf(["a", "b", "c", "d", "e", "f"], [...triangle("a", "b", "c"), ...triangle("d", "e", "f"), edge("c", "RELATED", "d", 0.1)]);
    const { metrics, summary } = computeGraphMetrics(data);
    const community = Object.fromEntries(metrics.map((metric) => [metric.id, metric.community]));
    expect(community).toEqual({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 });
    expect(summary).toMatchObject({ conceptCount: 6, relationshipCount: 7, communityCount: 2 });
    expect(summary.modularity).toBeGreaterThan(0.3);
  });

  it("puts each concept of a graph without edges in its own community, and handles an empty graph", () => {
    expect(computeGraphMetrics(graphOf(["a", "b"], [])).summary.communityCount).toBe(2);
    expect(computeGraphMetrics(graphOf([], [])).metrics).toEqual([]);
  });
});
