import { EmbeddedGraphStore } from "../store/embedded-graph-store";
import type { RelationshipType } from "./concept";
import { ConceptService } from "./concept.service";
import { DocumentConceptsService } from "./document-concepts.service";
import type { GraphStore } from "./graph-store";
import { LearningGraphs } from "./learning-graphs";

const tenant = "tenant";

/** A service with its own in-memory graphs over `store`, counting how often it loads them. */
function serviceOn(store: GraphStore) {
  const loads = { count: 0 };
  const learningGraphs = new LearningGraphs(store, { onLoad: () => loads.count++ });
  const service = new ConceptService(store, { learningGraphs });
  const ids = new Map<string, string>();
  const id = async (name: string) => ids.get(name) ?? ids.set(name, (await service.upsertConcept(tenant, { name })).id).get(name)!;
  const relate = async (from: string, type: RelationshipType, to: string, weight = 1) => service.relate(tenant, { from: await id(from), to: await id(to), type, weight });
  const unrelate = async (from: string, type: RelationshipType, to: string) => service.removeRelationship(tenant, { from: await id(from), to: await id(to), type });
  const path = async (from: string, to: string) => {
    const result = await service.learningPath(tenant, await id(from), await id(to));
    return { concepts: result.concepts.map((concept) => concept.name), totalCost: result.totalCost };
  };
  return { service, loads, learningGraphs, id, relate, unrelate, path };
}

const unreachable = { concepts: [], totalCost: null };

describe("learning paths on the in-memory graph", () => {
  it("follow the service's own relates, removals and merges without loading the graph again", async () => {
    const { service, loads, id, relate, unrelate, path } = serviceOn(await EmbeddedGraphStore.open());
    await relate("a", "RELATED", "b");
    expect(await path("a", "c")).toEqual(unreachable);
    await relate("b", "PART_OF", "c", 0.5);
    expect(await path("a", "c")).toEqual({ concepts: ["b", "c"], totalCost: 3 });
    await unrelate("b", "PART_OF", "c");
    expect(await path("a", "c")).toEqual(unreachable);

    await relate("b", "PREREQUISITE", "m");
    await relate("m", "PART_OF", "c");
    expect(await path("a", "c")).toEqual({ concepts: ["b", "m", "c"], totalCost: 3 });
    // Folding m into c removes the m -> c edge and re-points b -> m at c.
    await service.mergeConcepts(tenant, await id("c"), await id("m"));
    expect(await path("a", "c")).toEqual({ concepts: ["b", "c"], totalCost: 2 });
    expect(loads.count).toBe(1);
  });

  it("notice writes made by another service instance on the same store", async () => {
    const store = await EmbeddedGraphStore.open();
    const reader = serviceOn(store);
    const writer = serviceOn(store);
    await writer.relate("a", "RELATED", "b");
    expect(await reader.path("a", "c")).toEqual(unreachable);
    await writer.relate("b", "PREREQUISITE", "c");
    expect(await reader.path("a", "c")).toEqual({ concepts: ["b", "c"], totalCost: 2 });
    await writer.unrelate("a", "RELATED", "b");
    expect(await reader.path("a", "c")).toEqual(unreachable);
    expect(reader.loads.count).toBe(3);
  });

  it("take in co-occurrence edges from processed documents when the graphs are shared", async () => {
    const store = await EmbeddedGraphStore.open();
    const { loads, learningGraphs, path } = serviceOn(store);
    const documents = new DocumentConceptsService(store, undefined, learningGraphs);
    expect(await path("Graphs", "Trees")).toEqual(unreachable);
    await documents.documentProcessed(tenant, "doc-1", [{ name: "graphs", score: 1 }, { name: "trees", score: 0.5 }]);
    expect(await path("Graphs", "Trees")).toEqual({ concepts: ["Trees"], totalCost: 2 });
    await documents.documentDeleted(tenant, "doc-1");
    expect(await path("Graphs", "Trees")).toEqual(unreachable);
    expect(loads.count).toBe(1);
  });

  it("keep at most maxTenants graphs, dropping the least recently used", async () => {
    const store = await EmbeddedGraphStore.open();
    const loaded: string[] = [];
    const graphs = new LearningGraphs(store, { maxTenants: 2, onLoad: (load) => loaded.push(load.tenantId) });
    for (const tenantId of ["t1", "t2", "t1", "t3", "t1", "t2"]) await graphs.current(tenantId);
    expect(loaded).toEqual(["t1", "t2", "t3", "t2"]);
  });
});
