import type * as dgraph from "dgraph-js";
import { deletionsOf, linkDocumentRequest, relateRequest, upsertConceptRequest } from "./dgraph-upserts";

/** Reads back what a real dgraph-js Request carries (built here without a server). */
function contentOf(request: dgraph.Request) {
  return {
    query: request.getQuery(),
    vars: Object.fromEntries(request.getVarsMap().toArray()),
    commitNow: request.getCommitNow(),
    mutations: request.getMutationsList().map((mutation) => {
      const typed = mutation as dgraph.Mutation;
      return {
        cond: typed.getCond(),
        set: typed.getSetJson(),
        delete: typed.getDeleteJson_asU8().length > 0 ? typed.getDeleteJson() : undefined,
      };
    }),
  };
}

describe("Dgraph upsert blocks", () => {
  it("create a concept when its name is new, update it otherwise", () => {
    const request = contentOf(upsertConceptRequest("t1", { name: "Algebra", normalizedName: "algebra", tags: ["math"] }, "new-id"));
    expect(request.vars).toEqual({ $tenant: "t1", $name: "algebra" });
    expect(request.commitNow).toBe(true);
    // Dgraph appends its @if checks after stripping the final "}".
    expect(request.query.endsWith("}")).toBe(true);
    const [create, update] = request.mutations;
    expect(create).toMatchObject({
      cond: "@if(eq(len(existing), 0))",
      set: { uid: "_:concept", "dgraph.type": "Concept", tenant: "t1", "Concept.id": "new-id", "Concept.name": "Algebra", "Concept.tags": ["math"] },
    });
    expect(update).toMatchObject({
      cond: "@if(eq(len(existing), 1))",
      set: { uid: "uid(existing)", "Concept.name": "Algebra" },
      delete: { uid: "uid(existing)", "Concept.tags": null },
    });
    expect(update.set).not.toHaveProperty("Concept.id");
  });

  it("delete only what a draft clears, and never a bare node", () => {
    expect(deletionsOf({ name: "a", normalizedName: "a", description: "kept" }, "uid(x)")).toBeUndefined();
    expect(deletionsOf({ name: "a", normalizedName: "a", description: null, difficulty: null }, "uid(x)")).toEqual({
      uid: "uid(x)",
      "Concept.description": null,
      "Concept.difficulty": null,
    });
    const request = contentOf(upsertConceptRequest("t", { name: "a", normalizedName: "a" }, "id"));
    expect(request.mutations[1].delete).toBeUndefined();
  });

  it("relate two concepts of the tenant with a weighted edge", () => {
    const request = contentOf(relateRequest("t", { fromId: "a", toId: "b", type: "PART_OF", weight: 0.25 }));
    expect(request.vars).toEqual({ $tenant: "t", $from: "a", $to: "b" });
    expect(request.mutations).toEqual([
      {
        cond: "@if(eq(len(source), 1) AND eq(len(target), 1))",
        set: { uid: "uid(source)", part_of: [{ uid: "uid(target)", "part_of|weight": 0.25 }] },
        delete: undefined,
      },
    ]);
  });

  it("link a document, creating its ref node on the first mention", () => {
    const request = contentOf(linkDocumentRequest("t", { documentId: "doc", conceptId: "c", weight: 1 }));
    expect(request.vars).toEqual({ $tenant: "t", $document: "doc", $concept: "c" });
    const [create, add] = request.mutations;
    expect(create.set).toMatchObject({ uid: "_:document", "dgraph.type": "DocumentRef", tenant: "t", "DocumentRef.id": "doc" });
    expect(add).toMatchObject({ cond: "@if(eq(len(document), 1) AND eq(len(concept), 1))", set: { uid: "uid(document)" } });
    expect(add.set).toEqual({ uid: "uid(document)", mentions: [{ uid: "uid(concept)", "mentions|weight": 1 }] });
  });
});
