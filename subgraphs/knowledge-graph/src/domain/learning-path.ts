import type { ConceptId, Relationship } from "./concept";
import type { GraphStore } from "./graph-store";
import { MinHeap } from "./min-heap";

/**
 * The cost of following an edge: 1 / weight. Every step costs at least 1 (shorter routes
 * win), and a weak edge costs more than a strong one (weight 0.5 costs 2, 0.1 costs 10).
 * -log(weight) was rejected: it makes weight-1 edges free, so any detour of strong edges
 * would tie with the direct route.
 */
export const edgeCost = (weight: number): number => 1 / weight;

export interface LearningPlan {
  reachable: boolean;
  /** Concept ids in study order; every prerequisite comes before what needs it. */
  conceptIds: ConceptId[];
  /** Sum of the cost of the edge that brings each studied concept in; null when unreachable. */
  totalCost: number | null;
}

/** Moves in learning order: prerequisites and parts forwards, RELATED either way. */
function stepsFrom(id: ConceptId, edges: readonly Relationship[]): Array<{ to: ConceptId; weight: number }> {
  return edges.flatMap((edge) => {
    if (edge.fromId === id) return [{ to: edge.toId, weight: edge.weight }];
    return edge.type === "RELATED" && edge.toId === id ? [{ to: edge.fromId, weight: edge.weight }] : [];
  });
}

/** Cheapest route (Dijkstra), expanding one concept's edges at a time from the store. */
async function cheapestRoute(store: GraphStore, tenantId: string, fromId: ConceptId, toId: ConceptId) {
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
    for (const step of stepsFrom(id, await store.edgesOf(tenantId, [id], "both"))) {
      const next = priority + edgeCost(step.weight);
      if (next < (cost.get(step.to) ?? Infinity)) {
        cost.set(step.to, next);
        cameFrom.set(step.to, { id, cost: edgeCost(step.weight) });
        frontier.push(next, step.to);
      }
    }
  }
  if (!done.has(toId)) return null;
  const route: Array<{ id: ConceptId; cost: number }> = [];
  for (let id = toId; id !== fromId; id = cameFrom.get(id)!.id) route.unshift({ id, cost: cameFrom.get(id)!.cost });
  return route;
}

/** Every transitive prerequisite of `ids`, with the prerequisite edges found on the way. */
async function ancestorsOf(store: GraphStore, tenantId: string, ids: readonly ConceptId[]) {
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
}

/**
 * What to study to reach `toId` knowing `fromId`: the cheapest route's concepts plus every
 * transitive prerequisite of them that is not already known (the learner knows `fromId`
 * and, so, its own prerequisites), in a topological order that follows the route where
 * prerequisites allow (Kahn's algorithm, ready concepts by the route step that needs them
 * first, then by id for a stable answer).
 */
export async function planLearningPath(store: GraphStore, tenantId: string, fromId: ConceptId, toId: ConceptId): Promise<LearningPlan> {
  const known = (await ancestorsOf(store, tenantId, [fromId])).found.add(fromId);
  if (known.has(toId)) return { reachable: true, conceptIds: [], totalCost: 0 };
  const route = await cheapestRoute(store, tenantId, fromId, toId);
  if (!route) return { reachable: false, conceptIds: [], totalCost: null };

  const routeIds = route.map((step) => step.id).filter((id) => !known.has(id));
  const { found, edges } = await ancestorsOf(store, tenantId, routeIds);
  const study = new Set([...routeIds, ...[...found].filter((id) => !known.has(id))]);
  const prerequisites = edges.filter((edge) => study.has(edge.fromId) && study.has(edge.toId));

  // neededBy: the earliest route step that (transitively) needs a concept.
  const neededBy = new Map(routeIds.map((id, index) => [id, index]));
  const dependents = new Map<ConceptId, Relationship[]>();
  const waitingFor = new Map<ConceptId, number>([...study].map((id) => [id, 0]));
  for (const edge of prerequisites) {
    (dependents.get(edge.fromId) ?? dependents.set(edge.fromId, []).get(edge.fromId)!).push(edge);
    waitingFor.set(edge.toId, waitingFor.get(edge.toId)! + 1);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const edge of prerequisites) {
      const need = neededBy.get(edge.toId);
      if (need !== undefined && need < (neededBy.get(edge.fromId) ?? Infinity)) neededBy.set(edge.fromId, need), (changed = true);
    }
  }
  const order: ConceptId[] = [];
  const ready = [...study].filter((id) => waitingFor.get(id) === 0);
  const key = (id: ConceptId) => [neededBy.get(id) ?? Infinity, id] as const;
  while (ready.length > 0) {
    ready.sort((a, b) => key(a)[0] - key(b)[0] || (a < b ? -1 : 1));
    const id = ready.shift()!;
    order.push(id);
    for (const edge of dependents.get(id) ?? []) {
      const left = waitingFor.get(edge.toId)! - 1;
      waitingFor.set(edge.toId, left);
      if (left === 0) ready.push(edge.toId);
    }
  }

  const routeCost = route.filter((step) => study.has(step.id)).reduce((sum, step) => sum + step.cost, 0);
  const offRoute = [...study].filter((id) => !routeIds.includes(id));
  const prerequisiteCost = offRoute.reduce(
    (sum, id) => sum + Math.min(...(dependents.get(id) ?? []).map((edge) => edgeCost(edge.weight))),
    0,
  );
  return { reachable: true, conceptIds: order, totalCost: routeCost + prerequisiteCost };
}
