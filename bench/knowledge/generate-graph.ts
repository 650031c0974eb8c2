import type { ConceptDraft, Relationship, RelationshipType } from "../../subgraphs/knowledge-graph/src/domain/concept";
import { seededRandom } from "../../subgraphs/knowledge-graph/src/domain/graph-metrics";

export interface GeneratedGraph {
  drafts: ConceptDraft[];
  /** Edges by concept index; turned into ids once the concepts are stored. */
  edges: Array<{ from: number; to: number; type: RelationshipType; weight: number }>;
}

/**
 * A planted-partition graph shaped like a knowledge graph: 100 communities (of 1,000 concepts
 * in the 100,000 graph),
 * 90% of edges inside a community; 80% RELATED, 15% PART_OF, 5% PREREQUISITE. Prerequisites
 * only point from a lower to a higher index within 50 places (acyclic, and sparse, as real
 * prerequisite chains are). Seeded, so every run measures the same graph.
 */
export function generateGraph(concepts: number, relationships: number, seed = 7): GeneratedGraph {
  const random = seededRandom(seed);
  const size = Math.max(1, Math.floor(concepts / 100));
  const drafts = Array.from({ length: concepts }, (_, i) => ({ name: `Concept ${i}`, normalizedName: `concept ${i}` }));
  const seen = new Set<string>();
  const edges: GeneratedGraph["edges"] = [];
  while (edges.length < relationships) {
    const from = Math.floor(random() * concepts);
    const roll = random();
    const type: RelationshipType = roll < 0.05 ? "PREREQUISITE" : roll < 0.2 ? "PART_OF" : "RELATED";
    let to: number;
    if (type === "PREREQUISITE") to = from + 1 + Math.floor(random() * 50);
    else if (random() < 0.9) to = Math.floor(from / size) * size + Math.floor(random() * size);
    else to = Math.floor(random() * concepts);
    if (to >= concepts || to === from) continue;
    const key = `${type} ${from} ${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to, type, weight: Math.max(0.01, Math.round(random() * 100) / 100) });
  }
  return { drafts, edges };
}

export function toRelationships(graph: GeneratedGraph, ids: string[]): Relationship[] {
  return graph.edges.map((edge) => ({ fromId: ids[edge.from]!, toId: ids[edge.to]!, type: edge.type, weight: edge.weight }));
}
