/**
 * PageRank and Louvain on a generated graph of 100,000 concepts and 1,000,000
 * relationships, against a baseline measured in the same run: the same code on a graph
 * 10x smaller (10,000 / 100,000). Also learningPath on both: the in-memory LearningGraph
 * (its load time and heap, then warm latency) next to the old per-concept store reads,
 * with their answers compared; and upsert throughput into the embedded store. Dgraph
 * figures are not measured: no Dgraph server can run on this machine.
 *
 *   node -r ./scripts/register.js bench/knowledge/graph-algorithms.bench.ts [concepts] [relationships]
 */
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank";
import { communityGraph, computeGraphMetrics, importanceGraph, seededRandom } from "../../subgraphs/knowledge-graph/src/domain/graph-metrics";
import { EmbeddedGraphStore } from "../../subgraphs/knowledge-graph/src/store/embedded-graph-store";
import { generateGraph, toRelationships } from "./generate-graph";
import { collectGarbage, measureLearningPaths, type SnapshotFigures } from "./learning-path-figures";

const TENANT = "bench";
/** Random (from, to) pairs timed per graph on the warm LearningGraph, and (the first ones) with per-concept reads. */
const PATH_SAMPLES = { warm: 200, perNode: 20 };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

interface Figures {
  label: string;
  upsertPerSecond: number;
  relatePerSecond: number;
  loadMs: number;
  buildMs: number;
  pagerankMs: number;
  louvainMs: number;
  fullRecomputeMs: number;
  heapOfGraphs: number;
  peakRss: number;
  communities: number;
  modularity: number;
  store: EmbeddedGraphStore;
  ids: string[];
}

async function measure(label: string, concepts: number, relationships: number): Promise<Figures> {
  const generated = generateGraph(concepts, relationships);
  const store = await EmbeddedGraphStore.open();
  const upserts = await timedAsync(async () => {
    const ids: string[] = [];
    for (const draft of generated.drafts) ids.push((await store.upsertConcept(TENANT, draft)).id);
    return ids;
  });
  const ids = upserts.value;
  const edges = toRelationships(generated, ids);
  const relates = await timedAsync(async () => {
    for (const edge of edges) await store.relate(TENANT, edge);
  });
  const load = await timedAsync(() => store.loadGraph(TENANT));
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const build = timed(() => ({ directed: importanceGraph(load.value.relationships, load.value.concepts), undirected: communityGraph(load.value.relationships, load.value.concepts) }));
  const heapOfGraphs = process.memoryUsage().heapUsed - heapBefore;
  const ranks = timed(() => pagerank(build.value.directed, { getEdgeWeight: "weight", alpha: 0.85, maxIterations: 1_000, tolerance: 1e-9 }));
  const communities = timed(() => louvain.detailed(build.value.undirected, { getEdgeWeight: "weight", rng: seededRandom(42) }));
  const full = await timedAsync(async () => {
    const { metrics } = computeGraphMetrics(await store.loadGraph(TENANT));
    for (let start = 0; start < metrics.length; start += 1_000) await store.writeMetrics(TENANT, metrics.slice(start, start + 1_000));
  });
  void ranks.value;
  return {
    label,
    upsertPerSecond: (generated.drafts.length / upserts.ms) * 1000,
    relatePerSecond: (edges.length / relates.ms) * 1000,
    loadMs: load.ms,
    buildMs: build.ms,
    pagerankMs: ranks.ms,
    louvainMs: communities.ms,
    fullRecomputeMs: full.ms,
    heapOfGraphs,
    peakRss: peakRss(),
    communities: communities.value.count,
    modularity: communities.value.modularity,
    store,
    ids,
  };
}

async function main(): Promise<void> {
  const concepts = Number(process.argv[2] ?? 100_000);
  const relationships = Number(process.argv[3] ?? 1_000_000);
  console.log(`knowledge-graph algorithms: ${concepts} concepts / ${relationships} relationships vs a 10x smaller baseline (same code, same run)\n`);
  const baseline = await measure("baseline (10x smaller)", concepts / 10, relationships / 10);
  const baselinePaths = await measureLearningPaths(baseline.store, TENANT, baseline.ids, PATH_SAMPLES);
  const big = await measure("measured", concepts, relationships);
  const bigPaths = await measureLearningPaths(big.store, TENANT, big.ids, PATH_SAMPLES);

  const rows: Array<[string, (f: Figures) => number, (n: number) => string]> = [
    ["upsert concepts (embedded store), per s", (f) => f.upsertPerSecond, (n) => n.toFixed(0)],
    ["relate (embedded store), per s", (f) => f.relatePerSecond, (n) => n.toFixed(0)],
    ["load tenant graph from store, ms", (f) => f.loadMs, (n) => n.toFixed(0)],
    ["build graphology graphs, ms", (f) => f.buildMs, (n) => n.toFixed(0)],
    ["PageRank (weighted), ms", (f) => f.pagerankMs, (n) => n.toFixed(0)],
    ["Louvain (weighted), ms", (f) => f.louvainMs, (n) => n.toFixed(0)],
    ["full recompute (load+both+write back), ms", (f) => f.fullRecomputeMs, (n) => n.toFixed(0)],
    ["heap held by the two graphology graphs", (f) => f.heapOfGraphs, mb],
    ["peak RSS of the process so far", (f) => f.peakRss, mb],
  ];
  console.log(`${"figure".padEnd(44)}${"baseline".padStart(14)}${"measured".padStart(14)}${"ratio".padStart(9)}`);
  for (const [name, of, format] of rows) {
    console.log(`${name.padEnd(44)}${format(of(baseline)).padStart(14)}${format(of(big)).padStart(14)}${(of(big) / of(baseline)).toFixed(1).padStart(8)}x`);
  }
  const pathRows: Array<[string, (f: SnapshotFigures) => number, (n: number) => string]> = [
    ["learning graph: load from store, ms", (f) => f.loadMs, (n) => n.toFixed(0)],
    ["learning graph: heap held", (f) => f.heapBytes, mb],
    ["learning graph: heap per 1M relationships", (f) => (f.heapBytes / f.relationships) * 1e6, mb],
    ["learningPath warm p50, ms", (f) => f.warm.p50, (n) => n.toFixed(2)],
    ["learningPath warm p95, ms", (f) => f.warm.p95, (n) => n.toFixed(2)],
    ["learningPath per-concept reads p50, ms", (f) => f.perNode.p50, (n) => n.toFixed(1)],
    ["learningPath per-concept reads p95, ms", (f) => f.perNode.p95, (n) => n.toFixed(1)],
    ["relate via service, graph kept current, per s", (f) => f.relatesPerSecond, (n) => n.toFixed(0)],
  ];
  for (const [name, of, format] of pathRows) {
    console.log(`${name.padEnd(44)}${format(of(baselinePaths)).padStart(14)}${format(of(bigPaths)).padStart(14)}${(of(bigPaths) / of(baselinePaths)).toFixed(1).padStart(8)}x`);
  }
  const speedup = (f: SnapshotFigures) => (f.perNode.p50 / f.warm.p50).toFixed(0);
  console.log(`\ncommunities: baseline ${baseline.communities} (modularity ${baseline.modularity.toFixed(3)}), measured ${big.communities} (modularity ${big.modularity.toFixed(3)})`);
  for (const [label, f] of [["baseline", baselinePaths], ["measured", bigPaths]] as const) {
    console.log(
      `learningPath ${label}: ${f.warm.reachable}/${PATH_SAMPLES.warm} random pairs reachable (mean ${f.warm.meanStudied.toFixed(1)} concepts to study); ` +
        `p50 ${speedup(f)}x faster than per-concept reads; same totalCost both ways on ${f.agreeing}/${f.perNode.costs.length} pairs; ` +
        `${f.reloadsAfterOwnWrites} reloads after 1,000 relates through the service`,
    );
  }
  console.log("Dgraph upsert throughput: NOT MEASURABLE here (no Dgraph server can run on this machine); the embedded store's figure is above.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
