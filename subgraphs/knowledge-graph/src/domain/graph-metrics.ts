import Graph, { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank";
import type { Concept, ConceptMetrics, Relationship, TenantGraphData } from "./concept";

export interface GraphMetricsSummary {
  conceptCount: number;
  relationshipCount: number;
  communityCount: number;
  /** Louvain's modularity of the partition found, in [-0.5, 1]; 0 for a graph without edges. */
  modularity: number;
  computedAt: Date;
  durationMs: number;
}

export interface GraphMetricsResult {
  metrics: ConceptMetrics[];
  summary: GraphMetricsSummary;
}

/** PageRank's damping factor: the usual 0.85 (a reader follows a link 85% of the time). */
const DAMPING = 0.85;

/**
 * Who "endorses" whom for importance: a concept that others build on matters. So rank flows
 * from a concept to its prerequisites (to -> from), from a part to its whole (from -> to),
 * and both ways along RELATED. Several edges between the same pair add their weights.
 */
export function importanceGraph(relationships: readonly Relationship[], concepts: readonly Concept[]): Graph {
  const weights = new Map<string, Map<string, number>>();
  const known = new Set(concepts.map((concept) => concept.id));
  const endorse = (from: string, to: string, weight: number) => {
    const targets = weights.get(from) ?? weights.set(from, new Map()).get(from)!;
    targets.set(to, (targets.get(to) ?? 0) + weight);
  };
  for (const { fromId, toId, type, weight } of relationships) {
    if (!known.has(fromId) || !known.has(toId)) continue;
    if (type === "PREREQUISITE") endorse(toId, fromId, weight);
    else if (type === "PART_OF") endorse(fromId, toId, weight);
    else {
      endorse(fromId, toId, weight);
      endorse(toId, fromId, weight);
    }
  }
  return toGraph(new Graph({ type: "directed", allowSelfLoops: false }), concepts, weights);
}

/** Weights are summed in maps first: graphology's updateEdge per edge is far slower. */
function toGraph<G extends Graph>(graph: G, concepts: readonly Concept[], weights: Map<string, Map<string, number>>): G {
  for (const concept of concepts) graph.addNode(concept.id);
  for (const [from, targets] of weights) for (const [to, weight] of targets) graph.addEdge(from, to, { weight });
  return graph;
}

/** Communities ignore direction: concepts tightly connected either way belong together. */
export function communityGraph(relationships: readonly Relationship[], concepts: readonly Concept[]): UndirectedGraph {
  const weights = new Map<string, Map<string, number>>();
  const known = new Set(concepts.map((concept) => concept.id));
  for (const { fromId, toId, weight } of relationships) {
    if (!known.has(fromId) || !known.has(toId)) continue;
    const [a, b] = fromId < toId ? [fromId, toId] : [toId, fromId];
    const targets = weights.get(a) ?? weights.set(a, new Map()).get(a)!;
    targets.set(b, (targets.get(b) ?? 0) + weight);
  }
  return toGraph(new UndirectedGraph({ allowSelfLoops: false }), concepts, weights);
}

/** A small seeded generator (mulberry32), so Louvain gives the same answer on the same graph. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Louvain numbers communities arbitrarily; renumber them by size (0 = largest), ties by
 * the smallest concept name in them, so numbers are stable for an unchanged graph.
 */
function renumber(raw: Record<string, number>, nameOf: Map<string, string>): Map<string, number> {
  const members = new Map<number, string[]>();
  for (const [id, community] of Object.entries(raw)) (members.get(community) ?? members.set(community, []).get(community)!).push(id);
  const smallestName = (ids: string[]) => ids.map((id) => nameOf.get(id) ?? id).sort()[0] ?? "";
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || (smallestName(a) < smallestName(b) ? -1 : 1));
  const numbers = new Map<string, number>();
  ordered.forEach((ids, number) => ids.forEach((id) => numbers.set(id, number)));
  return numbers;
}

/** Weighted PageRank and Louvain communities of one tenant's graph (graphology). */
export function computeGraphMetrics(data: TenantGraphData, now: () => Date = () => new Date()): GraphMetricsResult {
  const started = performance.now();
  if (data.concepts.length === 0) {
    return { metrics: [], summary: { conceptCount: 0, relationshipCount: 0, communityCount: 0, modularity: 0, computedAt: now(), durationMs: 0 } };
  }
  const ranks = pagerank(importanceGraph(data.relationships, data.concepts), {
    getEdgeWeight: "weight",
    alpha: DAMPING,
    maxIterations: 1_000,
    tolerance: 1e-9,
  });
  const communities = louvain.detailed(communityGraph(data.relationships, data.concepts), {
    getEdgeWeight: "weight",
    rng: seededRandom(42),
  });
  const numbers = renumber(communities.communities, new Map(data.concepts.map((concept) => [concept.id, concept.normalizedName])));
  const metrics = data.concepts.map((concept) => ({ id: concept.id, importance: ranks[concept.id] ?? 0, community: numbers.get(concept.id) ?? 0 }));
  return {
    metrics,
    summary: {
      conceptCount: data.concepts.length,
      relationshipCount: data.relationships.length,
      communityCount: new Set(numbers.values()).size,
      modularity: Number.isFinite(communities.modularity) ? communities.modularity : 0,
      computedAt: now(),
      durationMs: performance.now() - started,
    },
  };
}
