import { RELATIONSHIP_TYPES, type Relationship } from "./concept";
import { edgeCost } from "./cheapest-route";
import { seededRandom } from "./graph-metrics";
import { LearningGraph } from "./learning-graph";
import { MinHeap } from "./min-heap";

/** Moves in learning order read straight off the edge list: forwards, and RELATED backwards too. */
const movesOf = (edges: readonly Relationship[]) =>
  edges.flatMap((edge) => [
    { from: edge.fromId, to: edge.toId, cost: edgeCost(edge.weight) },
    ...(edge.type === "RELATED" ? [{ from: edge.toId, to: edge.fromId, cost: edgeCost(edge.weight) }] : []),
  ]);

/** Plain one-sided Dijkstra over the edge list: the cost the bidirectional search must match. */
function referenceCost(edges: readonly Relationship[], from: string, to: string): number | null {
  const moves = movesOf(edges);
  const cost = new Map([[from, 0]]);
  const heap = new MinHeap<string>();
  heap.push(0, from);
  for (let item = heap.pop(); item; item = heap.pop()) {
    if (item.priority > cost.get(item.value)!) continue;
    if (item.value === to) return item.priority;
    for (const move of moves.filter((m) => m.from === item!.value)) {
      const next = item.priority + move.cost;
      if (next < (cost.get(move.to) ?? Infinity)) cost.set(move.to, next), heap.push(next, move.to);
    }
  }
  return null;
}

function randomGraph(seed: number, concepts: number, relationships: number): Relationship[] {
  const random = seededRandom(seed);
  const edges = new Map<string, Relationship>();
  while (edges.size < relationships) {
    const [from, to] = [Math.floor(random() * concepts), Math.floor(random() * concepts)];
    if (from === to) continue;
    const type = RELATIONSHIP_TYPES[Math.floor(random() * 3)]!;
    edges.set(`${type} ${from} ${to}`, { fromId: `c${from}`, toId: `c${to}`, type, weight: Math.max(0.05, Math.round(random() * 20) / 20) });
  }
  return [...edges.values()];
}

describe("LearningGraph", () => {
  it("finds routes exactly as cheap as one-sided Dijkstra, made of real moves", () => {
    for (const seed of [1, 2, 3, 4]) {
      const edges = randomGraph(seed, 40, 70);
      const graph = LearningGraph.of(edges);
      const moves = movesOf(edges);
      const random = seededRandom(seed + 100);
      for (let i = 0; i < 60; i++) {
        const [from, to] = [`c${Math.floor(random() * 40)}`, `c${Math.floor(random() * 40)}`];
        const expected = referenceCost(edges, from, to);
        const route = graph.cheapestRoute(from, to);
        if (expected === null) {
          expect(route).toBeNull();
          continue;
        }
        expect(route).not.toBeNull();
        expect(route!.reduce((sum, step) => sum + step.cost, 0)).toBeCloseTo(expected, 9);
        route!.forEach((step, index) => {
          const previous = index === 0 ? from : route![index - 1]!.id;
          expect(moves.some((move) => move.from === previous && move.to === step.id && move.cost === step.cost)).toBe(true);
        });
      }
    }
  });

  it("updates weights in place, removes edges once, and merges like the store", () => {
    const graph = LearningGraph.of([
      { fromId: "x", toId: "keep", type: "PREREQUISITE", weight: 0.3 },
      { fromId: "x", toId: "merge", type: "PREREQUISITE", weight: 0.9 },
      { fromId: "merge", toId: "y", type: "PART_OF", weight: 0.6 },
      { fromId: "keep", toId: "merge", type: "RELATED", weight: 1 },
    ]);
    graph.relate({ fromId: "merge", toId: "y", type: "PART_OF", weight: 0.5 });
    expect(graph.relationshipCount).toBe(4);
    expect(graph.cheapestRoute("merge", "y")).toEqual([{ id: "y", cost: 2 }]);
    graph.merge("keep", "merge");
    expect(graph.relationshipCount).toBe(2);
    expect(graph.ancestorsOf(["keep"]).edges).toEqual([{ fromId: "x", toId: "keep", type: "PREREQUISITE", weight: 0.9 }]);
    expect(graph.cheapestRoute("x", "y")).toEqual([
      { id: "keep", cost: 1 / 0.9 },
      { id: "y", cost: 2 },
    ]);
    expect(graph.cheapestRoute("x", "merge")).toBeNull();
    expect(graph.remove({ fromId: "keep", toId: "y", type: "PART_OF" })).toBe(true);
    expect(graph.remove({ fromId: "keep", toId: "y", type: "PART_OF" })).toBe(false);
    expect(graph.cheapestRoute("x", "y")).toBeNull();
  });

  it("walks prerequisites only against their direction, RELATED both ways", () => {
    const graph = LearningGraph.of([
      { fromId: "p", toId: "a", type: "PREREQUISITE", weight: 1 },
      { fromId: "q", toId: "p", type: "PREREQUISITE", weight: 0.5 },
      { fromId: "r", toId: "a", type: "RELATED", weight: 1 },
    ]);
    expect([...graph.ancestorsOf(["a"]).found].sort()).toEqual(["p", "q"]);
    expect(graph.cheapestRoute("a", "p")).toBeNull();
    expect(graph.cheapestRoute("a", "r")).toEqual([{ id: "r", cost: 1 }]);
  });
});
