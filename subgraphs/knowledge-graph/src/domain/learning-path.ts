import type { ConceptId, Relationship } from "./concept";
import { edgeCost, type RouteStep } from "./cheapest-route";

export interface LearningPlan {
  reachable: boolean;
  /** Concept ids in study order; every prerequisite comes before what needs it. */
  conceptIds: ConceptId[];
  /** Sum of the cost of the edge that brings each studied concept in; null when unreachable. */
  totalCost: number | null;
}

type MaybeAsync<T> = T | Promise<T>;

/**
 * The two questions a learning path asks of a tenant's graph. LearningGraph answers them
 * from memory; any other answer (the store walked concept by concept, for instance) gives
 * the same plan.
 */
export interface PathFinder {
  /** Cheapest route (edge cost 1 / weight) as the concepts after `fromId`; null when unreachable. */
  cheapestRoute(fromId: ConceptId, toId: ConceptId): MaybeAsync<RouteStep[] | null>;
  /** Every transitive prerequisite of `ids`, with the prerequisite edges found on the way. */
  ancestorsOf(ids: readonly ConceptId[]): MaybeAsync<{ found: Set<ConceptId>; edges: Relationship[] }>;
}

/**
 * What to study to reach `toId` knowing `fromId`: the cheapest route's concepts plus every
 * transitive prerequisite of them that is not already known (the learner knows `fromId`
 * and, so, its own prerequisites), in a topological order that follows the route where
 * prerequisites allow (Kahn's algorithm, ready concepts by the route step that needs them
 * first, then by id for a stable answer).
 */
export async function planLearningPath(graph: PathFinder, fromId: ConceptId, toId: ConceptId): Promise<LearningPlan> {
  const known = (await graph.ancestorsOf([fromId])).found.add(fromId);
  if (known.has(toId)) return { reachable: true, conceptIds: [], totalCost: 0 };
  const route = await graph.cheapestRoute(fromId, toId);
  if (!route) return { reachable: false, conceptIds: [], totalCost: null };

  const routeIds = route.map((step) => step.id).filter((id) => !known.has(id));
  const { found, edges } = await graph.ancestorsOf(routeIds);
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
