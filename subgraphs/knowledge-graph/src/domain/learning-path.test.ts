import { EmbeddedGraphStore } from "../store/embedded-graph-store";
import type { RelationshipType } from "./concept";
import { ConceptService } from "./concept.service";

/** Builds a tenant graph from "a TYPE b weight" lines; returns the service and the ids by name. */
async function graphOf(lines: string[], extra: string[] = []) {
  const service = new ConceptService(await EmbeddedGraphStore.open());
  const tenant = "tenant";
  const ids = new Map<string, string>();
  const idOf = async (name: string) => ids.get(name) ?? ids.set(name, (await service.upsertConcept(tenant, { name })).id).get(name)!;
  for (const name of extra) await idOf(name);
  for (const line of lines) {
    const [from, type, to, weight] = line.split(" ");
    await service.relate(tenant, { from: await idOf(from!), to: await idOf(to!), type: type as RelationshipType, weight: Number(weight) });
  }
  const path = async (from: string, to: string) => {
    const result = await service.learningPath(tenant, ids.get(from)!, ids.get(to)!);
    return { ...result, concepts: result.concepts.map((concept) => concept.name) };
  };
  return { service, tenant, ids, path };
}

describe("learningPath", () => {
  it("routes around a missing link, taking the weaker edges that do lead to the target", async () => {
    // a -> b is strong but b leads nowhere; a -> c -> d is the only way (1/0.5 + 1/0.5 = 4).
    const { path } = await graphOf(["a PREREQUISITE b 1", "a RELATED c 0.5", "c PREREQUISITE d 0.5"]);
    expect(await path("a", "d")).toEqual({ reachable: true, concepts: ["c", "d"], totalCost: 4 });
  });

  it("includes a prerequisite that is not on the cheapest route, before what needs it", async () => {
    // Cheapest route a -> b -> d costs 2, but d also needs c (and c needs p). Hand-worked
    // order: b (route step 0), then p, c (needed by step 1), then d. Cost: 1 + 1 for the
    // route, 1/0.5 for c -> d, 1/0.25 for p -> c: 8.
    const { path } = await graphOf(["a RELATED b 1", "b PART_OF d 1", "c PREREQUISITE d 0.5", "p PREREQUISITE c 0.25", "x PREREQUISITE c 1", "x PREREQUISITE a 1"]);
    // x is a prerequisite of a, so the learner knows it: it is not studied again.
    expect(await path("a", "d")).toEqual({ reachable: true, concepts: ["b", "p", "c", "d"], totalCost: 8 });
  });

  it("prefers strong relationships over fewer hops only when they cost less", async () => {
    const { path } = await graphOf(["a RELATED d 0.2", "a RELATED b 1", "b RELATED d 1"]);
    // Direct: 1/0.2 = 5; via b: 1 + 1 = 2.
    expect(await path("a", "d")).toEqual({ reachable: true, concepts: ["b", "d"], totalCost: 2 });
  });

  it("never studies anything before its prerequisites, even on a long chain", async () => {
    const { path } = await graphOf(["s RELATED t 1", "p1 PREREQUISITE t 0.5", "p2 PREREQUISITE p1 0.5", "p3 PREREQUISITE p2 0.5", "p3 PREREQUISITE t 0.5"]);
    const result = await path("s", "t");
    expect(result.concepts).toEqual(["p3", "p2", "p1", "t"]);
  });

  it("answers unreachable as a result, and nothing to study for what is already known", async () => {
    const { path } = await graphOf(["k PREREQUISITE a 1", "b PREREQUISITE z 1"], ["island"]);
    expect(await path("a", "island")).toEqual({ reachable: false, concepts: [], totalCost: null });
    expect(await path("a", "z")).toEqual({ reachable: false, concepts: [], totalCost: null });
    expect(await path("a", "k")).toEqual({ reachable: true, concepts: [], totalCost: 0 });
    expect(await path("a", "a")).toEqual({ reachable: true, concepts: [], totalCost: 0 });
  });
});

describe("conceptNeighborhood", () => {
  it("walks both directions to the depth asked, with the edges between the nodes", async () => {
    const { service, tenant, ids } = await graphOf(["a PREREQUISITE b 1", "b RELATED c 0.5", "c PART_OF d 1", "x PREREQUISITE a 1"]);
    const names = async (depth: number, types?: string[]) => {
      const result = await service.neighborhood(tenant, ids.get("b")!, depth, types);
      return { nodes: result.nodes.map((node) => `${node.concept.name}:${node.depth}`).sort(), edges: result.edges.length };
    };
    expect(await names(0)).toEqual({ nodes: ["b:0"], edges: 0 });
    expect(await names(1)).toEqual({ nodes: ["a:1", "b:0", "c:1"], edges: 2 });
    expect(await names(2)).toEqual({ nodes: ["a:1", "b:0", "c:1", "d:2", "x:2"], edges: 4 });
    expect(await names(2, ["PREREQUISITE"])).toEqual({ nodes: ["a:1", "b:0", "x:2"], edges: 2 });
    await expect(service.neighborhood(tenant, ids.get("b")!, 4)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { field: "depth" } });
  });
});
