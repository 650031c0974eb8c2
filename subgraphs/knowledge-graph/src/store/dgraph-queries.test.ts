import { conceptPageQuery, conceptsByIdQuery, listVariables, prerequisitePathQuery } from "./dgraph-queries";

describe("Dgraph queries", () => {
  it("pass a batch of ids as numbered variables", () => {
    expect(listVariables("id", ["a", "b"])).toEqual({
      declarations: "$id0: string, $id1: string",
      list: "[$id0, $id1]",
      vars: { $id0: "a", $id1: "b" },
    });
  });

  it("never put values into the query text", () => {
    const hostile = 'x") } evil(func: has(tenant)) { uid } #';
    const query = conceptsByIdQuery(hostile, [hostile, "b"]);
    expect(query.text).not.toContain(hostile);
    expect(query.text).toContain("eq(Concept.id, [$id0, $id1])");
    expect(query.vars).toEqual({ $tenant: hostile, $id0: hostile, $id1: "b" });
  });

  it("filter every block by tenant", () => {
    for (const query of [conceptsByIdQuery("t", ["a"]), prerequisitePathQuery("t", "a", "b"), conceptPageQuery("t", { first: 2 })]) {
      const blocks = query.text.match(/\(func:/g)?.length ?? 0;
      const scoped = query.text.match(/eq\(tenant, \$tenant\)/g)?.length ?? 0;
      expect(scoped).toBe(blocks - (query.text.includes("uid(path)") ? 1 : 0));
    }
  });

  it("ask one concept more than the page size, after the cursor when there is one", () => {
    const firstPage = conceptPageQuery("t", { first: 20 });
    expect(firstPage.vars).toEqual({ $tenant: "t", $first: "21" });
    expect(firstPage.text).not.toContain("$after");
    const nextPage = conceptPageQuery("t", { first: 20, after: "calculus" });
    expect(nextPage.vars).toEqual({ $tenant: "t", $first: "21", $after: "calculus" });
    expect(nextPage.text).toContain("gt(Concept.normalizedName, $after)");
  });
});
