import * as dgraph from "dgraph-js";
import type { ConceptId, ConceptMetrics, DocumentId, RelationshipKey } from "../domain/concept";
import { listVariables, type DqlQuery } from "./dgraph-queries";
import { EDGE_OF, IN_TENANT_CONCEPTS, IN_TENANT_DOCUMENTS, P } from "./dgraph-schema";

/** Deletions and batch writes. Like dgraph-upserts.ts: values only ever travel as variables. */

function deleteRequest(query: DqlQuery, cond: string, nquads: string): dgraph.Request {
  const mutation = new dgraph.Mutation();
  mutation.setCond(cond);
  mutation.setDelNquads(nquads);
  const request = new dgraph.Request();
  // Dgraph appends the @if checks after stripping the final "}": the text must end with it.
  request.setQuery(query.text.trim());
  for (const [name, value] of Object.entries(query.vars)) request.getVarsMap().set(name, value);
  request.setMutationsList([mutation]);
  request.setCommitNow(true);
  return request;
}

export function removeRelationshipRequest(tenantId: string, { fromId, toId, type }: RelationshipKey): dgraph.Request {
  const query = {
    text: `query removeRelationship($tenant: string, $from: string, $to: string) {
  source as var(func: eq(${P.id}, $from)) ${IN_TENANT_CONCEPTS}
  target as var(func: eq(${P.id}, $to)) ${IN_TENANT_CONCEPTS}
}`,
    vars: { $tenant: tenantId, $from: fromId, $to: toId },
  };
  return deleteRequest(query, "@if(eq(len(source), 1) AND eq(len(target), 1))", `uid(source) <${EDGE_OF[type]}> uid(target) .`);
}

/**
 * Deletes a concept with the edges pointing at it: deleting a node (`* *`) removes only
 * what leaves it, so the reverse edges are bound and deleted explicitly.
 */
export function deleteConceptRequest(tenantId: string, conceptId: ConceptId): dgraph.Request {
  const query = {
    text: `query deleteConcept($tenant: string, $id: string) {
  concept as var(func: eq(${P.id}, $id)) ${IN_TENANT_CONCEPTS} {
    before as ~${EDGE_OF.PREREQUISITE}
    related as ~${EDGE_OF.RELATED}
    parts as ~${EDGE_OF.PART_OF}
    documents as ~${P.mentions}
  }
}`,
    vars: { $tenant: tenantId, $id: conceptId },
  };
  const nquads = [
    "uid(concept) * * .",
    `uid(before) <${EDGE_OF.PREREQUISITE}> uid(concept) .`,
    `uid(related) <${EDGE_OF.RELATED}> uid(concept) .`,
    `uid(parts) <${EDGE_OF.PART_OF}> uid(concept) .`,
    `uid(documents) <${P.mentions}> uid(concept) .`,
  ].join("\n");
  return deleteRequest(query, "@if(eq(len(concept), 1))", nquads);
}

/** Removes the document's mention edges to the given concepts (the ref node stays, empty). */
export function unlinkDocumentRequest(tenantId: string, documentId: DocumentId, conceptIds: readonly ConceptId[]): dgraph.Request {
  const batch = listVariables("id", conceptIds);
  const query = {
    text: `query unlinkDocument($tenant: string, $document: string, ${batch.declarations}) {
  document as var(func: eq(${P.documentId}, $document)) ${IN_TENANT_DOCUMENTS}
  concepts as var(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS}
}`,
    vars: { $tenant: tenantId, $document: documentId, ...batch.vars },
  };
  return deleteRequest(query, "@if(eq(len(document), 1))", `uid(document) <${P.mentions}> uid(concepts) .`);
}

/** The Dgraph uids of a batch of the tenant's concepts, read in the writing transaction. */
export function conceptUidsQuery(tenantId: string, ids: readonly ConceptId[]): DqlQuery {
  const batch = listVariables("id", ids);
  return {
    text: `query conceptUids($tenant: string, ${batch.declarations}) {
  concepts(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS} {
    uid
    ${P.id}
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}

/** Sets importance and community by uid; ids that were not found are skipped. */
export function metricsMutation(uidById: ReadonlyMap<ConceptId, string>, metrics: readonly ConceptMetrics[]): dgraph.Mutation {
  const mutation = new dgraph.Mutation();
  const found = metrics.filter((metric) => uidById.has(metric.id));
  mutation.setSetJson(found.map(({ id, importance, community }) => ({ uid: uidById.get(id), [P.importance]: importance, [P.community]: community })));
  mutation.setCommitNow(true);
  return mutation;
}
