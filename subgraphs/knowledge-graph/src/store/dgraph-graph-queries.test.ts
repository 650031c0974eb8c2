import { conceptPageQuery, containsPattern } from "./dgraph-queries";
import { edgesOfNodes, edgesOfQuery, graphPageQuery, mentionsOfConceptQuery, mentionsOfNode } from "./dgraph-graph-queries";

describe("Dgraph graph reads", () => {
  it("ask for the edges of a batch in the directions and types wanted, tenant-filtered", () => {
    const query = edgesOfQuery("t", ["a", "b"], "in", ["PREREQUISITE", "PART_OF"]);
    expect(query.vars).toEqual({ $tenant: "t", $id0: "a", $id1: "b" });
    expect(query.text).toContain("in_prerequisite: ~prerequisite @facets(weight) @filter(eq(tenant, $tenant) AND type(Concept))");
    expect(query.text).toContain("in_part_of: ~part_of");
    expect(query.text).not.toContain("out_");
    expect(query.text).not.toContain("related");
    expect(edgesOfQuery("t", ["a"], "both").text.match(/@facets/g)).toHaveLength(6);
  });

  it("read edges once each, with the facet weight (1 when absent)", () => {
    const nodes = [
      { "Concept.id": "a", out_prerequisite: [{ "Concept.id": "b", "out_prerequisite|weight": 0.5 }], in_related: [{ "Concept.id": "c" }] },
      { "Concept.id": "b", in_prerequisite: [{ "Concept.id": "a", "in_prerequisite|weight": 0.5 }] },
    ];
    expect(edgesOfNodes(nodes)).toEqual([
      { fromId: "a", toId: "b", type: "PREREQUISITE", weight: 0.5 },
      { fromId: "c", toId: "a", type: "RELATED", weight: 1 },
    ]);
    expect(edgesOfNodes(undefined)).toEqual([]);
  });

  it("page through a tenant's graph by offset with outgoing edges only", () => {
    const query = graphPageQuery("t", 20_000, 10_000);
    expect(query.vars).toEqual({ $tenant: "t", $offset: "20000", $first: "10000" });
    expect(query.text).toContain("func: eq(tenant, $tenant), offset: $offset, first: $first");
    expect(query.text).toContain("Concept.importance");
    expect(query.text).not.toContain("in_");
  });

  it("read a concept's mentions with their weights", () => {
    expect(mentionsOfConceptQuery("t", "c").vars).toEqual({ $tenant: "t", $id: "c" });
    expect(mentionsOfNode({ documents: [{ "DocumentRef.id": "d", "documents|weight": 0.3 }] }, "c")).toEqual([{ documentId: "d", conceptId: "c", weight: 0.3 }]);
  });

  it("search names through a literal regexp passed as a variable, never in the text", () => {
    expect(containsPattern("c++ (intro)/x")).toBe("/c\\+\\+ \\(intro\\)\\/x/");
    const indexed = conceptPageQuery("t", { first: 5, search: "graph" });
    expect(indexed.text).toContain("page(func: regexp(Concept.normalizedName, $search)");
    expect(indexed.text).toContain("@filter(eq(tenant, $tenant) AND type(Concept))");
    expect(indexed.vars).toMatchObject({ $search: "/graph/", $tenant: "t" });
    expect(indexed.text).not.toContain("graph/");
    const short = conceptPageQuery("t", { first: 5, search: "ai" });
    expect(short.text).toContain("page(func: eq(tenant, $tenant)");
    expect(short.text).toContain("regexp(Concept.normalizedName, $search)");
  });

  it("order by importance with an offset", () => {
    const query = conceptPageQuery("t", { first: 5, orderBy: "IMPORTANCE", offset: 10, after: "ignored" });
    expect(query.text).toContain("orderdesc: Concept.importance, orderasc: Concept.normalizedName, offset: $offset");
    expect(query.vars).toEqual({ $tenant: "t", $first: "6", $offset: "10" });
  });
});
