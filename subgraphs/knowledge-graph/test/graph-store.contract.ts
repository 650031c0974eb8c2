import { isDomainError } from "@aiwf/platform";
import { randomUUID } from "node:crypto";
import { ConceptService } from "../src/domain/concept.service";
import type { GraphStore } from "../src/domain/graph-store";

export interface DurableBacking {
  /** Opens a store on this backing's data; a later open() finds what an earlier one wrote. */
  open(): Promise<GraphStore>;
  dispose(): Promise<void>;
}

export interface GraphStoreUnderTest {
  open(): Promise<GraphStore>;
  /** A fresh place for data that outlives a store (a folder, a server); absent when in memory. */
  durable?: () => Promise<DurableBacking>;
}

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

/**
 * What every GraphStore must do, checked through ConceptService so that validation and
 * the store's own invariants are exercised together. Each test works in fresh tenants.
 */
export function graphStoreContract(subject: GraphStoreUnderTest): void {
  let store: GraphStore;
  let graph: ConceptService;
  beforeAll(async () => {
    store = await subject.open();
    graph = new ConceptService(store);
  });
  afterAll(() => store?.close());

  const names = (concepts: Array<{ name: string }>) => concepts.map((concept) => concept.name);

  it("upserts a concept once per normalized name and updates its fields", async () => {
    const tenant = newTenant();
    const first = await graph.upsertConcept(tenant, { name: "  Linear   Algebra ", difficulty: "BEGINNER", tags: ["math"] });
    const second = await graph.upsertConcept(tenant, { name: "LINEAR algebra", description: "Vectors and matrices." });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ name: "LINEAR algebra", description: "Vectors and matrices.", difficulty: "BEGINNER", tags: ["math"] });
    const cleared = await graph.upsertConcept(tenant, { name: "linear algebra", difficulty: null, tags: [] });
    expect(cleared).toMatchObject({ id: first.id, description: "Vectors and matrices.", difficulty: null, tags: [] });
    expect((await graph.findConceptByName(tenant, "Linear  ALGEBRA"))?.id).toBe(first.id);
    expect(await graph.findConceptByName(tenant, "calculus")).toBeNull();
    expect(await graph.conceptsByIds(tenant, [first.id, randomUUID()])).toEqual([cleared, null]);
  });

  it("relates concepts idempotently and answers prerequisites in batches", async () => {
    const tenant = newTenant();
    const [algebra, geometry, calculus] = await Promise.all(
      ["Algebra", "Geometry", "Calculus"].map((name) => graph.upsertConcept(tenant, { name })),
    );
    await graph.relate(tenant, { from: algebra.id, to: calculus.id, type: "PREREQUISITE", weight: 0.5 });
    const again = await graph.relate(tenant, { from: algebra.id, to: calculus.id, type: "PREREQUISITE", weight: 0.9 });
    expect(again).toMatchObject({ from: { name: "Algebra" }, to: { name: "Calculus" }, type: "PREREQUISITE", weight: 0.9 });
    await graph.relate(tenant, { from: geometry.id, to: calculus.id, type: "PREREQUISITE", weight: 1 });
    await graph.relate(tenant, { from: geometry.id, to: algebra.id, type: "RELATED", weight: 0.3 });
    const [ofCalculus, ofAlgebra] = await graph.prerequisitesOf(tenant, [calculus.id, algebra.id]);
    expect(names(ofCalculus)).toEqual(["Algebra", "Geometry"]);
    expect(ofAlgebra).toEqual([]);
  });

  it("refuses a prerequisite that would close a cycle, writing nothing", async () => {
    const tenant = newTenant();
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((name) => graph.upsertConcept(tenant, { name })));
    await graph.relate(tenant, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 1 });
    await graph.relate(tenant, { from: b.id, to: c.id, type: "PREREQUISITE", weight: 1 });
    const failure = await failureOf(graph.relate(tenant, { from: c.id, to: a.id, type: "PREREQUISITE", weight: 1 }));
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field: "input.to", reason: "CYCLE" });
    expect(failure.message).toContain("c -> a -> b -> c");
    expect(await graph.prerequisitesOf(tenant, [a.id])).toEqual([[]]);
    // A RELATED edge may point back: only prerequisites must stay acyclic.
    await expect(graph.relate(tenant, { from: c.id, to: a.id, type: "RELATED", weight: 1 })).resolves.toBeDefined();
  });

  it("lets only one of two opposite prerequisites written at once succeed", async () => {
    const tenant = newTenant();
    const [x, y] = await Promise.all(["x", "y"].map((name) => graph.upsertConcept(tenant, { name })));
    const results = await Promise.allSettled([
      graph.relate(tenant, { from: x.id, to: y.id, type: "PREREQUISITE", weight: 1 }),
      graph.relate(tenant, { from: y.id, to: x.id, type: "PREREQUISITE", weight: 1 }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses self-relations and unknown concepts", async () => {
    const tenant = newTenant();
    const a = await graph.upsertConcept(tenant, { name: "a" });
    expect(await failureOf(graph.relate(tenant, { from: a.id, to: a.id, type: "RELATED", weight: 1 }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.to" });
    const missing = randomUUID();
    expect(await failureOf(graph.relate(tenant, { from: a.id, to: missing, type: "PART_OF", weight: 1 }))).toMatchObject({ code: "NOT_FOUND", id: missing });
    expect(await failureOf(graph.linkDocument(tenant, { documentId: "doc", conceptId: missing, weight: 1 }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("links documents to concepts and looks them up both ways", async () => {
    const tenant = newTenant();
    const [graphs, trees] = await Promise.all(["Graphs", "Trees"].map((name) => graph.upsertConcept(tenant, { name })));
    const [intro, advanced] = [`doc-${randomUUID()}`, `doc-${randomUUID()}`];
    await graph.linkDocument(tenant, { documentId: intro, conceptId: trees.id, weight: 1 });
    await graph.linkDocument(tenant, { documentId: intro, conceptId: graphs.id, weight: 0.4 });
    await graph.linkDocument(tenant, { documentId: intro, conceptId: graphs.id, weight: 0.8 });
    await graph.linkDocument(tenant, { documentId: advanced, conceptId: graphs.id, weight: 1 });
    const [ofIntro, ofAdvanced, ofUnknown] = await graph.conceptsOfDocuments(tenant, [intro, advanced, "unknown"]);
    expect(names(ofIntro)).toEqual(["Graphs", "Trees"]);
    expect(names(ofAdvanced)).toEqual(["Graphs"]);
    expect(ofUnknown).toEqual([]);
    const [ofGraphs, ofTrees] = await graph.documentsOfConcepts(tenant, [graphs.id, trees.id]);
    expect([...ofGraphs!].sort()).toEqual([intro, advanced].sort());
    expect(ofTrees).toEqual([intro]);
  });

  it("keeps tenants apart: same names are different concepts, other ids are invisible", async () => {
    const [mine, theirs] = [newTenant(), newTenant()];
    const [a, b] = await Promise.all(["a", "b"].map((name) => graph.upsertConcept(mine, { name })));
    await graph.relate(mine, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 1 });
    await graph.linkDocument(mine, { documentId: "shared-doc", conceptId: a.id, weight: 1 });
    const theirA = await graph.upsertConcept(theirs, { name: "A" });
    expect(theirA.id).not.toBe(a.id);
    expect(await graph.conceptsByIds(theirs, [a.id, theirA.id])).toEqual([null, theirA]);
    expect(await graph.findConceptByName(theirs, "b")).toBeNull();
    expect(await graph.prerequisitesOf(theirs, [b.id])).toEqual([[]]);
    expect(await graph.conceptsOfDocuments(theirs, ["shared-doc"])).toEqual([[]]);
    expect(await graph.documentsOfConcepts(theirs, [a.id])).toEqual([[]]);
    expect((await graph.listConcepts(theirs, 10)).concepts.map((c) => c.id)).toEqual([theirA.id]);
    expect(await failureOf(graph.relate(theirs, { from: theirA.id, to: b.id, type: "RELATED", weight: 1 }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages through concepts in name order", async () => {
    const tenant = newTenant();
    for (const name of ["delta", "Alpha", "echo", "charlie", "Bravo"]) await graph.upsertConcept(tenant, { name });
    const first = await graph.listConcepts(tenant, 2);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 5 });
    expect(names(first.concepts)).toEqual(["Alpha", "Bravo"]);
    const second = await graph.listConcepts(tenant, 2, first.concepts[1].normalizedName);
    expect(names(second.concepts)).toEqual(["charlie", "delta"]);
    const last = await graph.listConcepts(tenant, 2, second.concepts[1].normalizedName);
    expect(last).toMatchObject({ hasNextPage: false, totalCount: 5 });
    expect(names(last.concepts)).toEqual(["echo"]);
    expect(await graph.listConcepts(newTenant(), 2)).toEqual({ concepts: [], hasNextPage: false, totalCount: 0 });
  });

  const durable = subject.durable;
  if (durable) {
    it("finds everything again after closing and reopening", async () => {
      const tenant = newTenant();
      const backing = await durable();
      const writer = await backing.open();
      const writing = new ConceptService(writer);
      const [a, b] = await Promise.all(["a", "b"].map((name) => writing.upsertConcept(tenant, { name, tags: ["kept"] })));
      await writing.relate(tenant, { from: a.id, to: b.id, type: "PREREQUISITE", weight: 0.7 });
      await writing.linkDocument(tenant, { documentId: "doc-1", conceptId: b.id, weight: 1 });
      await writer.close();

      const reader = await backing.open();
      try {
        const reading = new ConceptService(reader);
        expect(await reading.conceptsByIds(tenant, [a.id, b.id])).toEqual([a, b]);
        expect(await reading.prerequisitesOf(tenant, [b.id])).toEqual([[a]]);
        expect(await reading.documentsOfConcepts(tenant, [b.id])).toEqual([["doc-1"]]);
        expect((await reading.upsertConcept(tenant, { name: "A" })).id).toBe(a.id);
      } finally {
        await reader.close();
        await backing.dispose();
      }
    });
  }
}
