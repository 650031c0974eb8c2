import { isDomainError } from "@aiwf/platform";
import { randomUUID } from "node:crypto";
import { ConceptService } from "../src/domain/concept.service";
import { DocumentConceptsService } from "../src/domain/document-concepts.service";
import { GraphMetricsService } from "../src/domain/graph-metrics.service";
import type { GraphStore } from "../src/domain/graph-store";

const newTenant = () => `tenant-${randomUUID()}`;

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, ...error.details };
    throw error;
  }
  throw new Error("expected a domain error");
}

/** The operations of the graph model beyond upsert/relate/link, for every GraphStore. */
export function graphModelContract(open: () => Promise<GraphStore>): void {
  let store: GraphStore;
  let graph: ConceptService;
  let metrics: GraphMetricsService;
  let documents: DocumentConceptsService;
  beforeAll(async () => {
    store = await open();
    graph = new ConceptService(store);
    metrics = new GraphMetricsService(store, { debounceMs: 60_000, batchSize: 2 });
    documents = new DocumentConceptsService(store);
  });
  afterAll(async () => {
    await metrics?.close();
    await store?.close();
  });

  const concepts = (tenant: string, ...names: string[]) => Promise.all(names.map((name) => graph.upsertConcept(tenant, { name })));
  const edgeList = async (tenant: string) =>
    (await store.loadGraph(tenant)).relationships.map((edge) => `${edge.fromId} ${edge.type} ${edge.toId} ${edge.weight}`).sort();

  it("removes a relationship once; removing it again reports false", async () => {
    const tenant = newTenant();
    const [a, b] = await concepts(tenant, "a", "b");
    await graph.relate(tenant, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 0.5 });
    await graph.relate(tenant, { from: a.id, to: b.id, type: "RELATED", weight: 0.5 });
    expect(await graph.removeRelationship(tenant, { from: a.id, to: b.id, type: "PREREQUISITE" })).toBe(true);
    expect(await graph.removeRelationship(tenant, { from: a.id, to: b.id, type: "PREREQUISITE" })).toBe(false);
    expect(await graph.prerequisitesOf(tenant, [b.id])).toEqual([[]]);
    expect(await edgeList(tenant)).toEqual([`${a.id} RELATED ${b.id} 0.5`]);
  });

  it("answers the edges around concepts by direction and type", async () => {
    const tenant = newTenant();
    const [a, b, c] = await concepts(tenant, "a", "b", "c");
    await graph.relate(tenant, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 0.5 });
    await graph.relate(tenant, { from: c.id, to: b.id, type: "PART_OF", weight: 0.25 });
    const key = (edges: Array<{ fromId: string; toId: string }>) => edges.map((edge) => `${edge.fromId}>${edge.toId}`).sort();
    expect(key(await store.edgesOf(tenant, [b.id], "in"))).toEqual([`${a.id}>${b.id}`, `${c.id}>${b.id}`].sort());
    expect(await store.edgesOf(tenant, [b.id], "out")).toEqual([]);
    expect(await store.edgesOf(tenant, [a.id, b.id], "both", ["PREREQUISITE"])).toEqual([{ fromId: a.id, toId: b.id, type: "PREREQUISITE", weight: 0.5 }]);
    expect(await store.edgesOf(newTenant(), [b.id], "both")).toEqual([]);
  });

  it("merges a concept: edges and mentions move, the larger weight stays, the merged id is gone", async () => {
    const tenant = newTenant();
    const [keep, merge, x, y] = await concepts(tenant, "Machine Learning", "ML", "statistics", "deep learning");
    await graph.relate(tenant, { from: x.id, to: keep.id, type: "PREREQUISITE", weight: 0.3 });
    await graph.relate(tenant, { from: x.id, to: merge.id, type: "PREREQUISITE", weight: 0.9 });
    await graph.relate(tenant, { from: merge.id, to: y.id, type: "PREREQUISITE", weight: 0.6 });
    await graph.relate(tenant, { from: keep.id, to: merge.id, type: "RELATED", weight: 1 });
    await graph.linkDocument(tenant, { documentId: "d1", conceptId: merge.id, weight: 0.8 });
    await graph.linkDocument(tenant, { documentId: "d1", conceptId: keep.id, weight: 0.2 });
    await graph.linkDocument(tenant, { documentId: "d2", conceptId: merge.id, weight: 0.5 });

    const kept = await graph.mergeConcepts(tenant, keep.id, merge.id);
    expect(kept.id).toBe(keep.id);
    expect(await graph.conceptsByIds(tenant, [merge.id])).toEqual([null]);
    expect(await graph.findConceptByName(tenant, "ml")).toBeNull();
    expect(await edgeList(tenant)).toEqual([`${keep.id} PREREQUISITE ${y.id} 0.6`, `${x.id} PREREQUISITE ${keep.id} 0.9`].sort());
    const [ofKeep] = await graph.documentsOfConcepts(tenant, [keep.id]);
    expect([...ofKeep!].sort()).toEqual(["d1", "d2"]);
    const [ofD1] = await graph.conceptsOfDocuments(tenant, ["d1"]);
    expect(ofD1!.map((concept) => concept.id)).toEqual([keep.id]);
    expect((await graph.listConcepts(tenant, 10)).totalCount).toBe(3);
  });

  it("refuses a merge that would make a prerequisite cycle, and merging into itself", async () => {
    const tenant = newTenant();
    const [a, b, c] = await concepts(tenant, "a", "b", "c");
    await graph.relate(tenant, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 1 });
    await graph.relate(tenant, { from: b.id, to: c.id, type: "PREREQUISITE", weight: 1 });
    expect(await failureOf(graph.mergeConcepts(tenant, a.id, c.id))).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeId", reason: "CYCLE" });
    expect(await failureOf(graph.mergeConcepts(tenant, a.id, a.id))).toMatchObject({ field: "mergeId", reason: "SELF_MERGE" });
    expect(await failureOf(graph.mergeConcepts(tenant, a.id, randomUUID()))).toMatchObject({ code: "NOT_FOUND" });
    await graph.mergeConcepts(tenant, a.id, b.id);
    expect(await edgeList(tenant)).toEqual([`${a.id} PREREQUISITE ${c.id} 1`]);
  });

  it("unlinks a document's mentions, all or some, idempotently", async () => {
    const tenant = newTenant();
    const [a, b] = await concepts(tenant, "a", "b");
    for (const concept of [a, b]) await graph.linkDocument(tenant, { documentId: "doc", conceptId: concept.id, weight: 1 });
    expect(await store.unlinkDocument(tenant, "doc", [a.id])).toEqual([a.id]);
    expect(await store.unlinkDocument(tenant, "doc", [a.id])).toEqual([]);
    expect(await store.unlinkDocument(tenant, "doc")).toEqual([b.id]);
    expect(await graph.conceptsOfDocuments(tenant, ["doc"])).toEqual([[]]);
    expect(await graph.documentsOfConcepts(tenant, [a.id, b.id])).toEqual([[], []]);
  });

  it("loads the tenant's graph and stores metrics in batches", async () => {
    const tenant = newTenant();
    const [hub, a, b] = await concepts(tenant, "hub", "a", "b");
    await graph.relate(tenant, { from: hub.id, to: a.id, type: "PREREQUISITE", weight: 1 });
    await graph.relate(tenant, { from: hub.id, to: b.id, type: "PREREQUISITE", weight: 1 });
    const loaded = await store.loadGraph(tenant);
    expect(loaded.concepts.map((concept) => concept.name).sort()).toEqual(["a", "b", "hub"]);
    expect(loaded.relationships).toHaveLength(2);
    const summary = await metrics.recompute(tenant);
    expect(summary).toMatchObject({ conceptCount: 3, relationshipCount: 2, communityCount: 1 });
    const [rankedHub, rankedA] = await graph.conceptsByIds(tenant, [hub.id, a.id]);
    expect(rankedHub!.importance).toBeGreaterThan(rankedA!.importance!);
    expect(rankedHub!.community).toBe(0);
    expect(await store.loadGraph(newTenant())).toEqual({ concepts: [], relationships: [] });
  });

  it("streams every relationship in batches, and counts each change of relationships in graphVersion", async () => {
    const tenant = newTenant();
    expect(await store.graphVersion(tenant)).toBe(0);
    const [a, b, c] = await concepts(tenant, "a", "b", "c");
    expect(await store.graphVersion(tenant)).toBe(0);
    await store.relate(tenant, { fromId: a.id, toId: b.id, type: "PREREQUISITE", weight: 0.5 });
    await store.relate(tenant, { fromId: a.id, toId: b.id, type: "PREREQUISITE", weight: 0.7 });
    await store.relate(tenant, { fromId: c.id, toId: b.id, type: "RELATED", weight: 1 });
    expect(await store.graphVersion(tenant)).toBe(3);
    const streamed: string[] = [];
    for await (const batch of store.relationshipBatches(tenant)) {
      expect(batch.length).toBeGreaterThan(0);
      streamed.push(...batch.map((edge) => `${edge.fromId} ${edge.type} ${edge.toId} ${edge.weight}`));
    }
    expect(streamed.sort()).toEqual(await edgeList(tenant));
    expect(streamed).toHaveLength(2);

    expect(await store.removeRelationship(tenant, { fromId: a.id, toId: c.id, type: "RELATED" })).toBe(false);
    expect(await store.graphVersion(tenant)).toBe(3);
    expect(await store.removeRelationship(tenant, { fromId: c.id, toId: b.id, type: "RELATED" })).toBe(true);
    expect(await store.graphVersion(tenant)).toBe(4);
    await store.mergeConcepts(tenant, c.id, a.id);
    expect(await store.graphVersion(tenant)).toBeGreaterThanOrEqual(5);
    const other = newTenant();
    expect(await store.graphVersion(other)).toBe(0);
    for await (const batch of store.relationshipBatches(other)) throw new Error(`unexpected batch of ${batch.length}`);
  });

  it("searches names and orders by importance with offsets", async () => {
    const tenant = newTenant();
    const [hub] = await concepts(tenant, "Graph Theory", "graph coloring", "Algebra");
    const [, coloring, algebra] = await concepts(tenant, "Graph Theory", "graph coloring", "Algebra");
    await graph.relate(tenant, { from: hub.id, to: coloring.id, type: "PREREQUISITE", weight: 1 });
    await graph.relate(tenant, { from: hub.id, to: algebra.id, type: "RELATED", weight: 0.2 });
    const found = await graph.findConcepts(tenant, { first: 10, search: " GRAPH " });
    expect(found.concepts.map((concept) => concept.name)).toEqual(["graph coloring", "Graph Theory"]);
    expect(found.totalCount).toBe(2);
    await metrics.recompute(tenant);
    const first = await graph.findConcepts(tenant, { first: 1, orderBy: "IMPORTANCE" });
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 3 });
    expect(first.concepts[0]!.id).toBe(hub.id);
    const rest = await graph.findConcepts(tenant, { first: 5, orderBy: "IMPORTANCE", offset: 1 });
    expect(rest.concepts).toHaveLength(2);
    expect(rest.concepts[0]!.importance).toBeGreaterThanOrEqual(rest.concepts[1]!.importance!);
  });

  it("turns a processed document into concepts, mentions and co-occurrence, the same content twice changing nothing", async () => {
    const tenant = newTenant();
    const [existing] = await concepts(tenant, "Neural Networks");
    const candidates = [
      { name: "neural networks", score: 0.9 },
      { name: "Backpropagation", score: 0.6 },
      { name: "Gradient Descent", score: 0.3 },
    ];
    await documents.documentProcessed(tenant, "doc-1", candidates);
    const before = { edges: await edgeList(tenant), graph: await store.loadGraph(tenant) };
    await documents.documentProcessed(tenant, "doc-1", candidates);
    expect(await edgeList(tenant)).toEqual(before.edges);
    expect(await store.loadGraph(tenant)).toEqual(before.graph);
    expect(before.graph.concepts.map((concept) => concept.name).sort()).toEqual(["Backpropagation", "Gradient Descent", "Neural Networks"]);
    expect(before.edges.every((edge) => edge.includes(" RELATED ") && edge.endsWith(" 0.5"))).toBe(true);
    expect(before.edges).toHaveLength(3);
    const [ofExisting] = await graph.documentsOfConcepts(tenant, [existing.id]);
    expect(ofExisting).toEqual(["doc-1"]);

    await documents.documentProcessed(tenant, "doc-2", [{ name: "Backpropagation", score: 2 }, { name: "Gradient descent", score: 1 }]);
    expect((await edgeList(tenant)).filter((edge) => edge.endsWith(` ${2 / 3}`))).toHaveLength(1);
    await documents.documentDeleted(tenant, "doc-1");
    await documents.documentDeleted(tenant, "doc-1");
    expect(await graph.conceptsOfDocuments(tenant, ["doc-1"])).toEqual([[]]);
    expect(await edgeList(tenant)).toHaveLength(1);
    expect((await edgeList(tenant))[0]).toMatch(/ RELATED .* 0\.5$/);
  });
}
