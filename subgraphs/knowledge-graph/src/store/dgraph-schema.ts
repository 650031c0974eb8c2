import type { RelationshipType } from "../domain/concept";

/**
 * How the knowledge graph is laid out in Dgraph.
 *
 * - Every node carries `tenant`; every query filters on it, so tenants share one Dgraph
 *   without ever seeing each other.
 * - A Concept's public id is a uuid in `Concept.id` (the embedded store makes the same
 *   kind), not the Dgraph uid: ids then survive an export/import and reveal nothing.
 * - Relationships are edges `<from> <type> <to>` ("from is a prerequisite of to"), with
 *   the weight as an edge facet; @reverse answers "what are the prerequisites of x".
 * - A document mention is a DocumentRef node (the document lives in content-processing)
 *   with a `mentions` edge to the concept, weighted by a facet.
 * - importance and community are written back by the metrics recomputation (PageRank and
 *   Louvain run in the service: Dgraph has neither); trigram on the normalized name serves
 *   `concepts(search:)` through regexp.
 * - A few GraphVersion nodes per tenant count relationship changes: every write of edges
 *   increments one of them in the same transaction (see dgraph-graph-version.ts), so a
 *   process holding the graph in memory learns of other processes' writes with one small
 *   read. Two edge writes that pick the same counter conflict and one is retried.
 * - @upsert on the lookup keys makes Dgraph abort one of two transactions racing to create
 *   the same concept or document ref; the store retries the loser, which then updates.
 */
export const P = {
  tenant: "tenant",
  id: "Concept.id",
  name: "Concept.name",
  normalizedName: "Concept.normalizedName",
  description: "Concept.description",
  difficulty: "Concept.difficulty",
  tags: "Concept.tags",
  importance: "Concept.importance",
  community: "Concept.community",
  documentId: "DocumentRef.id",
  mentions: "mentions",
  versionTenant: "GraphVersion.tenant",
  versionShard: "GraphVersion.shard",
  versionCount: "GraphVersion.count",
} as const;

export const EDGE_OF: Record<RelationshipType, string> = {
  PREREQUISITE: "prerequisite",
  RELATED: "related",
  PART_OF: "part_of",
};

export const WEIGHT_FACET = "weight";

export const DGRAPH_SCHEMA = `
${P.tenant}: string @index(exact) .
${P.id}: string @index(exact) @upsert .
${P.name}: string .
${P.normalizedName}: string @index(exact, trigram) @upsert .
${P.description}: string .
${P.difficulty}: string @index(exact) .
${P.tags}: [string] @index(exact) .
${P.importance}: float @index(float) .
${P.community}: int @index(int) .
${EDGE_OF.PREREQUISITE}: [uid] @reverse .
${EDGE_OF.RELATED}: [uid] @reverse .
${EDGE_OF.PART_OF}: [uid] @reverse .
${P.documentId}: string @index(exact) @upsert .
${P.mentions}: [uid] @reverse .
${P.versionTenant}: string @index(exact) .
${P.versionShard}: string @index(exact) @upsert .
${P.versionCount}: int .

type Concept {
  ${P.tenant}
  ${P.id}
  ${P.name}
  ${P.normalizedName}
  ${P.description}
  ${P.difficulty}
  ${P.tags}
  ${P.importance}
  ${P.community}
  ${EDGE_OF.PREREQUISITE}
  ${EDGE_OF.RELATED}
  ${EDGE_OF.PART_OF}
}

type DocumentRef {
  ${P.tenant}
  ${P.documentId}
  ${P.mentions}
}

type GraphVersion {
  ${P.versionTenant}
  ${P.versionShard}
  ${P.versionCount}
}
`;

/** The fields read for every concept, in query text (names only, never values). */
export const CONCEPT_FIELDS = [P.id, P.name, P.normalizedName, P.description, P.difficulty, P.tags, P.importance, P.community].join("\n");

/** Restricts a block to one tenant's concepts; `$tenant` is always a query variable. */
export const IN_TENANT_CONCEPTS = `@filter(eq(${P.tenant}, $tenant) AND type(Concept))`;
export const IN_TENANT_DOCUMENTS = `@filter(eq(${P.tenant}, $tenant) AND type(DocumentRef))`;
