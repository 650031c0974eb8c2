import type { ConceptId, Relationship } from "../../subgraphs/knowledge-graph/src/domain/concept";
import { edgeCost, type RouteStep } from "../../subgraphs/knowledge-graph/src/domain/cheapest-route";
import type { GraphStore } from "../../subgraphs/knowledge-graph/src/domain/graph-store";
import type { PathFinder } from "../../subgraphs/knowledge-graph/src/domain/learning-path";
import { MinHeap } from "../../subgraphs/knowledge-graph/src/domain/min-heap";

/**
 * How learningPath read the graph before the in-memory LearningGraph: one-sided Dijkstra
 * asking the store for one concept's edges at a time. Kept here only as the bench's
 * "before" figure; it plans through the same planLearningPath, so answers can be compared.
 */
export function perNodeReads(store: GraphStore, tenantId: string): PathFinder {
  return {
    async cheapestRoute(fromId, toId) {
      const cost = new Map<ConceptId, number>([[fromId, 0]]);
      const cameFrom = new Map<ConceptId, { id: ConceptId; cost: number }>();
      const done = new Set<ConceptId>();
      const frontier = new MinHeap<ConceptId>();
      frontier.push(0, fromId);
      while (frontier.size > 0) {
        const { priority, value: id } = frontier.pop()!;
        if (done.has(id)) continue;
        done.add(id);
        if (id === toId) break;
        for (const edge of await store.edgesOf(tenantId, [id], "both")) {
          const to = edge.fromId === id ? edge.toId : edge.type === "RELATED" ? edge.fromId : undefined;
          if (to === undefined) continue;
          const next = priority + edgeCost(edge.weight);
          if (next < (cost.get(to) ?? Infinity)) cost.set(to, next), cameFrom.set(to, { id, cost: edgeCost(edge.weight) }), frontier.push(next, to);
        }
      }
      if (!done.has(toId)) return null;
      const route: RouteStep[] = [];
      for (let id = toId; id !== fromId; id = cameFrom.get(id)!.id) route.unshift({ id, cost: cameFrom.get(id)!.cost });
      return route;
    },
    async ancestorsOf(ids) {
      const found = new Set<ConceptId>();
      const edges: Relationship[] = [];
      for (let frontier = [...ids]; frontier.length > 0; ) {
        const next: ConceptId[] = [];
        for (const edge of await store.edgesOf(tenantId, frontier, "in", ["PREREQUISITE"])) {
          edges.push(edge);
          if (!found.has(edge.fromId)) found.add(edge.fromId), next.push(edge.fromId);
        }
        frontier = next;
      }
      return { found, edges };
    },
  };
}
