/**
 * PageRank and Louvain on a generated graph of 100,000 concepts and 1,000,000
 * relationships, against a baseline measured in the same run: the same code on a graph
 * 10x smaller (10,000 / 100,000). Also learningPath latency on the big graph, and upsert
 * throughput into the embedded store. Dgraph figures are not measured: no Dgraph server
 * can run on this machine.
 *
 *   node -r ./scripts/register.js bench/knowledge/graph-algorithms.bench.ts [concepts] [relationships]
 */
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank";
import { ConceptService } from "../../subgraphs/knowledge-graph/src/domain/concept.service";
import { communityGraph, computeGraphMetrics, importanceGraph, seededRandom } from "../../subgraphs/knowledge-graph/src/domain/graph-metrics";
import { EmbeddedGraphStore } from "../../subgraphs/knowledge-graph/src/store/embedded-graph-store";
import { generateGraph, toRelationships } from "./generate-graph";

const TENANT = "bench";
/** Random (from, to) pairs timed per graph; each explores a good part of the graph. */
const PATH_SAMPLES = 40;
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
  global.gc?.();
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

async function learningPathLatency(figures: Figures, samples: number) {
  const service = new ConceptService(figures.store);
  const random = seededRandom(99);
  const latencies: number[] = [];
  let reachable = 0;
  let studied = 0;
  for (let i = 0; i < samples; i++) {
    const from = figures.ids[Math.floor(random() * figures.ids.length)]!;
    const to = figures.ids[Math.floor(random() * figures.ids.length)]!;
    const { value, ms } = await timedAsync(() => service.learningPath(TENANT, from, to));
    latencies.push(ms);
    if (value.reachable) reachable++, (studied += value.concepts.length);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p95: at(0.95), reachable, meanStudied: studied / Math.max(1, reachable) };
}

async function main(): Promise<void> {
  const concepts = Number(process.argv[2] ?? 100_000);
  const relationships = Number(process.argv[3] ?? 1_000_000);
  console.log(`knowledge-graph algorithms: ${concepts} concepts / ${relationships} relationships vs a 10x smaller baseline (same code, same run)\n`);
  const baseline = await measure("baseline (10x smaller)", concepts / 10, relationships / 10);
  const baselinePaths = await learningPathLatency(baseline, PATH_SAMPLES);
  const big = await measure("measured", concepts, relationships);
  const bigPaths = await learningPathLatency(big, PATH_SAMPLES);

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
  const pathRows: Array<[string, number, number]> = [
    ["learningPath p50, ms", baselinePaths.p50, bigPaths.p50],
    ["learningPath p95, ms", baselinePaths.p95, bigPaths.p95],
  ];
  for (const [name, a, b] of pathRows) console.log(`${name.padEnd(44)}${a.toFixed(1).padStart(14)}${b.toFixed(1).padStart(14)}${(b / a).toFixed(1).padStart(8)}x`);
  console.log(`\ncommunities: baseline ${baseline.communities} (modularity ${baseline.modularity.toFixed(3)}), measured ${big.communities} (modularity ${big.modularity.toFixed(3)})`);
  console.log(`learningPath over ${PATH_SAMPLES} random pairs: baseline ${baselinePaths.reachable} reachable (mean ${baselinePaths.meanStudied.toFixed(1)} concepts), measured ${bigPaths.reachable} reachable (mean ${bigPaths.meanStudied.toFixed(1)} concepts)`);
  console.log("Dgraph upsert throughput: not measured (no Dgraph server can run on this machine).");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
