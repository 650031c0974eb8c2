import type { ConceptId, DocumentMention, Relationship } from "./concept";

export interface MergePlan {
  /** Edges to write on the kept concept (weights already the larger of the two). */
  relationships: Relationship[];
  mentions: DocumentMention[];
}

const edgeKey = (edge: Relationship) => `${edge.type} ${edge.fromId} ${edge.toId}`;

/**
 * What folding `mergeId` into `keepId` writes, for stores that cannot do it in place:
 * each of the merged concept's edges re-pointed at the kept one, edges between the two
 * dropped (a concept is not related to itself), and where the kept concept already has
 * the same edge or mention, the larger weight.
 */
export function planMerge(
  keepId: ConceptId,
  mergeId: ConceptId,
  merged: { edges: Relationship[]; mentions: DocumentMention[] },
  kept: { edges: Relationship[]; mentions: DocumentMention[] },
): MergePlan {
  const keptWeights = new Map(kept.edges.map((edge) => [edgeKey(edge), edge.weight]));
  const relationships = new Map<string, Relationship>();
  for (const edge of merged.edges) {
    const moved = { ...edge, fromId: edge.fromId === mergeId ? keepId : edge.fromId, toId: edge.toId === mergeId ? keepId : edge.toId };
    if (moved.fromId === moved.toId) continue;
    const key = edgeKey(moved);
    const weight = Math.max(moved.weight, keptWeights.get(key) ?? 0, relationships.get(key)?.weight ?? 0);
    relationships.set(key, { ...moved, weight });
  }
  const keptMentions = new Map(kept.mentions.map((mention) => [mention.documentId, mention.weight]));
  const mentions = merged.mentions.map((mention) => ({
    documentId: mention.documentId,
    conceptId: keepId,
    weight: Math.max(mention.weight, keptMentions.get(mention.documentId) ?? 0),
  }));
  return { relationships: [...relationships.values()], mentions };
}
