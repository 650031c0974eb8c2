import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { ConceptService } from "../../subgraphs/knowledge-graph/src/domain/concept.service";
import { seededRandom } from "../../subgraphs/knowledge-graph/src/domain/graph-metrics";
import { planLearningPath } from "../../subgraphs/knowledge-graph/src/domain/learning-path";
import { LearningGraphs } from "../../subgraphs/knowledge-graph/src/domain/learning-graphs";
import type { EmbeddedGraphStore } from "../../subgraphs/knowledge-graph/src/store/embedded-graph-store";
import { perNodeReads } from "./per-node-reads";

/** A real full collection without asking for --expose-gc on the command line. */
setFlagsFromString("--expose-gc");
export const collectGarbage: () => void = runInNewContext("gc");

export interface PathFigures {
  p50: number;
  p95: number;
  reachable: number;
  meanStudied: number;
  /** totalCost per pair, to compare two ways of planning. */
  costs: Array<number | null>;
}

export interface SnapshotFigures {
  loadMs: number;
  heapBytes: number;
  relationships: number;
  /** Warm snapshot: learningPath through ConceptService, as a request would run it. */
  warm: PathFigures;
  /** The old way: the store asked concept by concept (fewer pairs: it is slow). */
  perNode: PathFigures;
  /** Pairs whose totalCost is the same both ways, of those planned both ways. */
  agreeing: number;
  relatesPerSecond: number;
  reloadsAfterOwnWrites: number;
}

export function samplePairs(ids: readonly string[], count: number, seed = 99): Array<[string, string]> {
  const random = seededRandom(seed);
  const pick = () => ids[Math.floor(random() * ids.length)]!;
  return Array.from({ length: count }, () => [pick(), pick()]);
}

async function timePaths(pairs: Array<[string, string]>, plan: (from: string, to: string) => Promise<{ reachable: boolean; studied: number; totalCost: number | null }>): Promise<PathFigures> {
  const latencies: number[] = [];
  const costs: Array<number | null> = [];
  let [reachable, studied] = [0, 0];
  for (const [from, to] of pairs) {
    const started = performance.now();
    const result = await plan(from, to);
    latencies.push(performance.now() - started);
    costs.push(result.totalCost);
    if (result.reachable) reachable++, (studied += result.studied);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p95: at(0.95), reachable, meanStudied: studied / Math.max(1, reachable), costs };
}

/**
 * Loads the tenant's LearningGraph once (timed, with the heap it holds), times learningPath
 * on it and the old per-node reads on the first pairs, then relates through the service to
 * show its own writes keep the graph current without reloads.
 */
export async function measureLearningPaths(store: EmbeddedGraphStore, tenantId: string, ids: readonly string[], samples: { warm: number; perNode: number }): Promise<SnapshotFigures> {
  let loads = 0;
  const graphs = new LearningGraphs(store, { onLoad: () => loads++ });
  const service = new ConceptService(store, { learningGraphs: graphs });
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const graph = await graphs.current(tenantId);
  const loadMs = performance.now() - started;
  collectGarbage();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;

  const pairs = samplePairs(ids, samples.warm);
  const warm = await timePaths(pairs, async (from, to) => {
    const path = await service.learningPath(tenantId, from, to);
    return { reachable: path.reachable, studied: path.concepts.length, totalCost: path.totalCost };
  });
  const perNode = await timePaths(pairs.slice(0, samples.perNode), async (from, to) => {
    const plan = await planLearningPath(perNodeReads(store, tenantId), from, to);
    return { reachable: plan.reachable, studied: plan.conceptIds.length, totalCost: plan.totalCost };
  });
  const agreeing = perNode.costs.filter((cost, i) => (cost === null ? warm.costs[i] === null : Math.abs(cost - (warm.costs[i] ?? NaN)) < 1e-9)).length;

  const writes = samplePairs(ids, 1_000, 5).filter(([from, to]) => from !== to);
  const loadsBefore = loads;
  const writing = performance.now();
  for (const [from, to] of writes) await service.relate(tenantId, { from, to, type: "RELATED", weight: 0.5 });
  const relatesPerSecond = (writes.length / (performance.now() - writing)) * 1000;
  await graphs.current(tenantId);
  return { loadMs, heapBytes, relationships: graph.relationshipCount, warm, perNode, agreeing, relatesPerSecond, reloadsAfterOwnWrites: loads - loadsBefore };
}
