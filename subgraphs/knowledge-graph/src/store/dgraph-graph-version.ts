import * as dgraph from "dgraph-js";
import type { DqlQuery } from "./dgraph-queries";
import { P } from "./dgraph-schema";

/**
 * The tenant's relationship version (GraphStore.graphVersion): the sum of a few counters,
 * one node each, every request that writes edges incrementing one of them in its own
 * transaction. One counter would make every edge write of a tenant conflict with every
 * other; with VERSION_SHARDS of them, concurrent writes mostly touch different nodes and
 * commit side by side. Each increment is still conflict-checked, so none is ever lost and
 * the sum grows by exactly one per write, which is what tells a process its own write from
 * someone else's.
 */
export const VERSION_SHARDS = 16;

/** Binds the chosen counter and its next value. */
const VERSION_BLOCK = `version as var(func: eq(${P.versionShard}, $versionShard)) @filter(type(GraphVersion)) {
    versionCount as ${P.versionCount}
    nextVersion as math(versionCount + 1)
  }`;

/** The counter's key: shard number first, so no tenant id can make two keys collide. */
export const versionShardKey = (tenantId: string, shard: number) => `${shard}:${tenantId}`;

/**
 * Adds an increment of one counter to an upsert request that declares `$tenant`: the block
 * goes into its query, two mutations join it (create the counter at 1 the first time, else
 * set count + 1). They do not depend on the request's own @if, so each request counts
 * exactly once whatever it changed: counting a write that changed nothing only costs a
 * reader one reload. Values stay in variables.
 */
export function withVersionBump(request: dgraph.Request, tenantId: string, shard = Math.floor(Math.random() * VERSION_SHARDS)): dgraph.Request {
  const query = request.getQuery().trim();
  if (!query.endsWith("}") || !query.includes("$tenant: string")) throw new Error("withVersionBump needs a query declaring $tenant");
  const declared = query.replace("$tenant: string", "$tenant: string, $versionShard: string");
  request.setQuery(`${declared.slice(0, -1).trimEnd()}\n  ${VERSION_BLOCK}\n}`);
  const key = versionShardKey(tenantId, shard);
  request.getVarsMap().set("$versionShard", key);
  const create = new dgraph.Mutation();
  create.setCond("@if(eq(len(version), 0))");
  create.setSetJson({ uid: "_:version", "dgraph.type": "GraphVersion", [P.versionTenant]: tenantId, [P.versionShard]: key, [P.versionCount]: 1 });
  const increment = new dgraph.Mutation();
  increment.setCond("@if(eq(len(version), 1))");
  increment.setSetNquads(`uid(version) <${P.versionCount}> val(nextVersion) .`);
  request.setMutationsList([...request.getMutationsList(), create, increment]);
  return request;
}

export function graphVersionQuery(tenantId: string): DqlQuery {
  return {
    text: `query graphVersion($tenant: string) {
  version(func: eq(${P.versionTenant}, $tenant)) @filter(type(GraphVersion)) {
    ${P.versionCount}
  }
}`,
    vars: { $tenant: tenantId },
  };
}

/** The sum of the tenant's counters; 0 before its first edge write. */
export function versionOf(result: { version?: Array<Record<string, unknown>> }): number {
  return (result.version ?? []).reduce((sum, node) => sum + (typeof node[P.versionCount] === "number" ? (node[P.versionCount] as number) : 0), 0);
}
