import { badInput } from "@aiwf/platform";
import { RELATIONSHIP_TYPES, type ConceptId, type Relationship, type RelationshipType } from "./concept";
import type { GraphStore } from "./graph-store";

export const NEIGHBORHOOD_LIMITS = { depth: 3, nodes: 500 } as const;

export interface NeighborhoodPlan {
  /** Concept ids with their distance from the centre (0 for the centre). */
  nodes: Array<{ id: ConceptId; depth: number }>;
  /** The edges of the given types between the nodes. */
  edges: Relationship[];
  /** True when the node limit stopped the walk before `depth`. */
  truncated: boolean;
}

export function parseNeighborhood(depth: number, types: readonly string[] | null | undefined): { depth: number; types: RelationshipType[] } {
  if (!Number.isInteger(depth) || depth < 0 || depth > NEIGHBORHOOD_LIMITS.depth) {
    throw badInput("depth", `depth must be an integer from 0 to ${NEIGHBORHOOD_LIMITS.depth}`);
  }
  const wanted = types && types.length > 0 ? types : RELATIONSHIP_TYPES;
  wanted.forEach((type, index) => {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw badInput(`types[${index}]`, `Type must be one of ${RELATIONSHIP_TYPES.join(", ")}`);
  });
  return { depth, types: [...new Set(wanted)] as RelationshipType[] };
}

/**
 * Breadth-first around a concept, following edges either way, one store call per level.
 * Bounded by depth (at most 3) and by node count, so a hub cannot return the whole graph.
 */
export async function walkNeighborhood(
  store: GraphStore,
  tenantId: string,
  centreId: ConceptId,
  depth: number,
  types: readonly RelationshipType[],
): Promise<NeighborhoodPlan> {
  const depthOf = new Map<ConceptId, number>([[centreId, 0]]);
  const edges = new Map<string, Relationship>();
  let truncated = false;
  for (let level = 1, frontier = [centreId]; level <= depth && frontier.length > 0 && !truncated; level++) {
    const next: ConceptId[] = [];
    for (const edge of await store.edgesOf(tenantId, frontier, "both", types)) {
      for (const id of [edge.fromId, edge.toId]) {
        if (depthOf.has(id)) continue;
        if (depthOf.size >= NEIGHBORHOOD_LIMITS.nodes) {
          truncated = true;
          continue;
        }
        depthOf.set(id, level);
        next.push(id);
      }
      if (depthOf.has(edge.fromId) && depthOf.has(edge.toId)) edges.set(`${edge.type} ${edge.fromId} ${edge.toId}`, edge);
    }
    frontier = next;
  }
  // Edges among the outermost ring were not fetched by the walk: one more call finds them.
  const outer = [...depthOf].filter(([, d]) => d === depth).map(([id]) => id);
  if (depth > 0 && outer.length > 0) {
    for (const edge of await store.edgesOf(tenantId, outer, "both", types)) {
      if (depthOf.has(edge.fromId) && depthOf.has(edge.toId)) edges.set(`${edge.type} ${edge.fromId} ${edge.toId}`, edge);
    }
  }
  return { nodes: [...depthOf].map(([id, d]) => ({ id, depth: d })), edges: [...edges.values()], truncated };
}
