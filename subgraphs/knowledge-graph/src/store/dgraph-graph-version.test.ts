import type * as dgraph from "dgraph-js";
import { relationshipPageQuery } from "./dgraph-graph-queries";
import { graphVersionQuery, VERSION_SHARDS, versionOf, versionShardKey, withVersionBump } from "./dgraph-graph-version";
import { removeRelationshipRequest } from "./dgraph-graph-writes";
import { relateRequest } from "./dgraph-upserts";

const json = (mutation: dgraph.Mutation) => (mutation.getSetJson_asB64() === "" ? undefined : JSON.parse(Buffer.from(mutation.getSetJson_asB64(), "base64").toString("utf8")));
const nquads = (mutation: dgraph.Mutation) => Buffer.from(mutation.getSetNquads_asB64(), "base64").toString("utf8");

describe("Dgraph graph version", () => {
  it("joins an edge write: the version block goes into its query, create-or-increment into its mutations", () => {
    const request = withVersionBump(relateRequest("t", { fromId: "a", toId: "b", type: "RELATED", weight: 0.5 }), "t", 3);
    const query = request.getQuery();
    expect(query).toContain("query relate($tenant: string, $versionShard: string, $from: string, $to: string)");
    expect(query).toContain("source as var(func: eq(Concept.id, $from))");
    expect(query).toContain("version as var(func: eq(GraphVersion.shard, $versionShard)) @filter(type(GraphVersion))");
    expect(query).toContain("nextVersion as math(versionCount + 1)");
    expect(query.endsWith("}")).toBe(true);
    expect(query.match(/{/g)).toHaveLength(query.match(/}/g)!.length);
    const [relate, create, increment] = request.getMutationsList() as dgraph.Mutation[];
    expect(relate!.getCond()).toBe("@if(eq(len(source), 1) AND eq(len(target), 1))");
    expect(create!.getCond()).toBe("@if(eq(len(version), 0))");
    expect(json(create!)).toEqual({ uid: "_:version", "dgraph.type": "GraphVersion", "GraphVersion.tenant": "t", "GraphVersion.shard": "3:t", "GraphVersion.count": 1 });
    expect(increment!.getCond()).toBe("@if(eq(len(version), 1))");
    expect(nquads(increment!)).toBe("uid(version) <GraphVersion.count> val(nextVersion) .");
    expect(Object.fromEntries(request.getVarsMap().toArray())).toEqual({ $tenant: "t", $from: "a", $to: "b", $versionShard: "3:t" });
  });

  it("spreads increments over the tenant's counters, keyed so tenants never share one", () => {
    const shards = new Set(Array.from({ length: 200 }, () => withVersionBump(relateRequest("t", { fromId: "a", toId: "b", type: "RELATED", weight: 1 }), "t").getVarsMap().get("$versionShard")));
    expect(shards.size).toBeGreaterThan(1);
    expect([...shards].every((key) => /^\d+:t$/.test(String(key)) && Number(String(key).split(":")[0]) < VERSION_SHARDS)).toBe(true);
    expect(versionShardKey("1:x", 2)).not.toBe(versionShardKey("x", 21));
  });

  it("joins deletions too, and refuses a query without the tenant variable", () => {
    const request = withVersionBump(removeRelationshipRequest("t", { fromId: "a", toId: "b", type: "PART_OF" }), "t");
    expect(request.getMutationsList()).toHaveLength(3);
    expect(request.getQuery()).toContain("version as var(");
    const bare = removeRelationshipRequest("t", { fromId: "a", toId: "b", type: "PART_OF" });
    bare.setQuery("{ x as var(func: uid(0x1)) }");
    expect(() => withVersionBump(bare, "t")).toThrow(/\$tenant/);
  });

  it("reads the sum of the counters, 0 before the first edge write", () => {
    const query = graphVersionQuery("t");
    expect(query.vars).toEqual({ $tenant: "t" });
    expect(query.text).toContain("version(func: eq(GraphVersion.tenant, $tenant)) @filter(type(GraphVersion))");
    expect(versionOf({ version: [{ "GraphVersion.count": 7 }, { "GraphVersion.count": 2 }] })).toBe(9);
    expect(versionOf({})).toBe(0);
  });

  it("pages relationships with ids only", () => {
    const query = relationshipPageQuery("t", 10_000, 10_000);
    expect(query.vars).toEqual({ $tenant: "t", $offset: "10000", $first: "10000" });
    expect(query.text).toContain("out_prerequisite: prerequisite @facets(weight)");
    expect(query.text).not.toContain("Concept.name");
  });
});
