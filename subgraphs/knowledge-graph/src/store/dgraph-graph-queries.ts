import { RELATIONSHIP_TYPES, type ConceptId, type Relationship, type RelationshipType } from "../domain/concept";
import type { EdgeDirection } from "../domain/graph-store";
import { listVariables, type DqlQuery } from "./dgraph-queries";
import { CONCEPT_FIELDS, EDGE_OF, IN_TENANT_CONCEPTS, P, WEIGHT_FACET } from "./dgraph-schema";

/** Reads of whole neighbourhoods and whole tenant graphs, for the graph algorithms. */

const alias = (side: "out" | "in", type: RelationshipType) => `${side}_${EDGE_OF[type]}`;

function edgeBlocks(direction: EdgeDirection, types: readonly RelationshipType[]): string {
  const blocks: string[] = [];
  for (const type of types) {
    const edge = EDGE_OF[type];
    if (direction !== "in") blocks.push(`${alias("out", type)}: ${edge} @facets(${WEIGHT_FACET}) ${IN_TENANT_CONCEPTS} { ${P.id} }`);
    if (direction !== "out") blocks.push(`${alias("in", type)}: ~${edge} @facets(${WEIGHT_FACET}) ${IN_TENANT_CONCEPTS} { ${P.id} }`);
  }
  return blocks.join("\n    ");
}

export function edgesOfQuery(tenantId: string, ids: readonly ConceptId[], direction: EdgeDirection, types: readonly RelationshipType[] = RELATIONSHIP_TYPES): DqlQuery {
  const batch = listVariables("id", ids);
  return {
    text: `query edgesOf($tenant: string, ${batch.declarations}) {
  concepts(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS} {
    ${P.id}
    ${edgeBlocks(direction, types)}
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}

/** One page of the tenant's concepts with their outgoing edges; pages go by uid order. */
export function graphPageQuery(tenantId: string, offset: number, pageSize: number, fields: string = CONCEPT_FIELDS): DqlQuery {
  return {
    text: `query graphPage($tenant: string, $offset: int, $first: int) {
  concepts(func: eq(${P.tenant}, $tenant), offset: $offset, first: $first) @filter(type(Concept)) {
    ${fields}
    ${edgeBlocks("out", RELATIONSHIP_TYPES)}
  }
}`,
    vars: { $tenant: tenantId, $offset: String(offset), $first: String(pageSize) },
  };
}

/** Like graphPageQuery, with only the ids: what relationshipBatches needs. */
export const relationshipPageQuery = (tenantId: string, offset: number, pageSize: number): DqlQuery => graphPageQuery(tenantId, offset, pageSize, P.id);

export interface EdgeNode {
  [P.id]: string;
  [edgeAlias: string]: unknown;
}

/** The facet comes back as `<alias>|weight` on each child; a missing one reads as 1. */
function weightOf(child: Record<string, unknown>): number {
  const key = Object.keys(child).find((name) => name.endsWith(`|${WEIGHT_FACET}`));
  const weight = key === undefined ? undefined : child[key];
  return typeof weight === "number" ? weight : 1;
}

/** Turns edge blocks into relationships, each edge once even when both ends were asked. */
export function edgesOfNodes(nodes: readonly EdgeNode[] | undefined): Relationship[] {
  const edges = new Map<string, Relationship>();
  for (const node of nodes ?? []) {
    for (const type of RELATIONSHIP_TYPES) {
      for (const side of ["out", "in"] as const) {
        const children = node[alias(side, type)];
        if (!Array.isArray(children)) continue;
        for (const child of children as Array<Record<string, unknown>>) {
          const other = child[P.id];
          if (typeof other !== "string") continue;
          const [fromId, toId] = side === "out" ? [node[P.id], other] : [other, node[P.id]];
          edges.set(`${type} ${fromId} ${toId}`, { fromId, toId, type, weight: weightOf(child) });
        }
      }
    }
  }
  return [...edges.values()];
}

/** A concept's document mentions with their weights (for a merge, which keeps the larger). */
export function mentionsOfConceptQuery(tenantId: string, conceptId: ConceptId): DqlQuery {
  return {
    text: `query mentionsOfConcept($tenant: string, $id: string) {
  concepts(func: eq(${P.id}, $id)) ${IN_TENANT_CONCEPTS} {
    documents: ~${P.mentions} @facets(${WEIGHT_FACET}) @filter(eq(${P.tenant}, $tenant)) { ${P.documentId} }
  }
}`,
    vars: { $tenant: tenantId, $id: conceptId },
  };
}

export function mentionsOfNode(node: { documents?: Array<Record<string, unknown>> } | undefined, conceptId: ConceptId) {
  return (node?.documents ?? []).flatMap((child) =>
    typeof child[P.documentId] === "string" ? [{ documentId: child[P.documentId] as string, conceptId, weight: weightOf(child) }] : [],
  );
}
