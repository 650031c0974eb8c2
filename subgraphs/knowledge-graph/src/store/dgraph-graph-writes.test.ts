import type * as dgraph from "dgraph-js";
import { conceptUidsQuery, deleteConceptRequest, metricsMutation, removeRelationshipRequest, unlinkDocumentRequest } from "./dgraph-graph-writes";

function contentOf(request: dgraph.Request) {
  const [mutation] = request.getMutationsList() as dgraph.Mutation[];
  return {
    query: request.getQuery(),
    vars: Object.fromEntries(request.getVarsMap().toArray()),
    commitNow: request.getCommitNow(),
    cond: mutation!.getCond(),
    delete: mutation!.getDelNquads_asB64() === "" ? "" : Buffer.from(mutation!.getDelNquads_asB64(), "base64").toString("utf8"),
  };
}

describe("Dgraph deletions and batch writes", () => {
  it("remove one typed edge between two concepts of the tenant", () => {
    const request = contentOf(removeRelationshipRequest("t", { fromId: "a", toId: "b", type: "RELATED" }));
    expect(request).toMatchObject({ vars: { $tenant: "t", $from: "a", $to: "b" }, commitNow: true, cond: "@if(eq(len(source), 1) AND eq(len(target), 1))" });
    expect(request.delete).toBe("uid(source) <related> uid(target) .");
    expect(request.query.endsWith("}")).toBe(true);
  });

  it("delete a concept together with the edges pointing at it", () => {
    const request = contentOf(deleteConceptRequest("t", "m"));
    expect(request.vars).toEqual({ $tenant: "t", $id: "m" });
    expect(request.delete.split("\n")).toEqual([
      "uid(concept) * * .",
      "uid(before) <prerequisite> uid(concept) .",
      "uid(related) <related> uid(concept) .",
      "uid(parts) <part_of> uid(concept) .",
      "uid(documents) <mentions> uid(concept) .",
    ]);
    expect(request.query).toContain("documents as ~mentions");
    expect(request.cond).toBe("@if(eq(len(concept), 1))");
  });

  it("unlink a document from a batch of concepts", () => {
    const request = contentOf(unlinkDocumentRequest("t", "doc", ["a", "b"]));
    expect(request.vars).toEqual({ $tenant: "t", $document: "doc", $id0: "a", $id1: "b" });
    expect(request.delete).toBe("uid(document) <mentions> uid(concepts) .");
  });

  it("set metrics by uid, skipping concepts that were not found", () => {
    expect(conceptUidsQuery("t", ["a"]).text).toContain("uid\n    Concept.id");
    const mutation = metricsMutation(new Map([["a", "0x1"]]), [
      { id: "a", importance: 0.7, community: 2 },
      { id: "gone", importance: 0.3, community: 0 },
    ]);
    expect(mutation.getSetJson()).toEqual([{ uid: "0x1", "Concept.importance": 0.7, "Concept.community": 2 }]);
    expect(mutation.getCommitNow()).toBe(true);
  });
});
