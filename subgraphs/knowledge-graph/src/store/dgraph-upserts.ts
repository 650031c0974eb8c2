import * as dgraph from "dgraph-js";
import type { ConceptDraft, ConceptId, DocumentMention, Relationship } from "../domain/concept";
import { EDGE_OF, IN_TENANT_CONCEPTS, IN_TENANT_DOCUMENTS, P, WEIGHT_FACET } from "./dgraph-schema";

/**
 * Upsert blocks: one request holding a query that binds uid variables and conditional
 * mutations (`@if`) on them, committed at once. Dgraph appends the @if checks by
 * stripping the query's final "}", so the text must end with it: hence trim().
 */
function upsert(text: string, vars: Record<string, string>, mutations: dgraph.Mutation[]): dgraph.Request {
  const request = new dgraph.Request();
  request.setQuery(text.trim());
  for (const [name, value] of Object.entries(vars)) request.getVarsMap().set(name, value);
  request.setMutationsList(mutations);
  request.setCommitNow(true);
  return request;
}

function mutation(cond: string, set: object, del?: object): dgraph.Mutation {
  const result = new dgraph.Mutation();
  result.setCond(cond);
  result.setSetJson(set);
  if (del) result.setDeleteJson(del);
  return result;
}

/** The stored fields a draft sets; undefined and null are left out (null means "clear"). */
function fieldsOf(draft: ConceptDraft): Record<string, unknown> {
  const fields: Record<string, unknown> = { [P.name]: draft.name, [P.normalizedName]: draft.normalizedName };
  if (typeof draft.description === "string") fields[P.description] = draft.description;
  if (typeof draft.difficulty === "string") fields[P.difficulty] = draft.difficulty;
  if (draft.tags && draft.tags.length > 0) fields[P.tags] = draft.tags;
  return fields;
}

/**
 * What an update must delete first (Dgraph applies a mutation's deletions before its
 * sets): cleared scalars, and the whole tag list when tags are given, because setting a
 * list predicate adds to it. Undefined when nothing is deleted: a delete naming only the
 * uid would remove every predicate of the node.
 */
export function deletionsOf(draft: ConceptDraft, subject: string): Record<string, unknown> | undefined {
  const deletions: Record<string, unknown> = {};
  if (draft.description === null) deletions[P.description] = null;
  if (draft.difficulty === null) deletions[P.difficulty] = null;
  if (draft.tags !== undefined) deletions[P.tags] = null;
  return Object.keys(deletions).length === 0 ? undefined : { uid: subject, ...deletions };
}

export function upsertConceptRequest(tenantId: string, draft: ConceptDraft, newId: ConceptId): dgraph.Request {
  const text = `query upsertConcept($tenant: string, $name: string) {
  existing as var(func: eq(${P.normalizedName}, $name)) ${IN_TENANT_CONCEPTS}
}`;
  const fields = fieldsOf(draft);
  return upsert(text, { $tenant: tenantId, $name: draft.normalizedName }, [
    mutation("@if(eq(len(existing), 0))", { uid: "_:concept", "dgraph.type": "Concept", [P.tenant]: tenantId, [P.id]: newId, ...fields }),
    mutation("@if(eq(len(existing), 1))", { uid: "uid(existing)", ...fields }, deletionsOf(draft, "uid(existing)")),
  ]);
}

/** Setting an existing edge again replaces its facets: the weight is updated, not duplicated. */
export function relateRequest(tenantId: string, { fromId, toId, type, weight }: Relationship): dgraph.Request {
  const edge = EDGE_OF[type];
  const text = `query relate($tenant: string, $from: string, $to: string) {
  source as var(func: eq(${P.id}, $from)) ${IN_TENANT_CONCEPTS}
  target as var(func: eq(${P.id}, $to)) ${IN_TENANT_CONCEPTS}
}`;
  return upsert(text, { $tenant: tenantId, $from: fromId, $to: toId }, [
    mutation("@if(eq(len(source), 1) AND eq(len(target), 1))", {
      uid: "uid(source)",
      [edge]: [{ uid: "uid(target)", [`${edge}|${WEIGHT_FACET}`]: weight }],
    }),
  ]);
}

/** Creates the document's ref node on its first mention, then adds the weighted edge. */
export function linkDocumentRequest(tenantId: string, { documentId, conceptId, weight }: DocumentMention): dgraph.Request {
  const text = `query linkDocument($tenant: string, $document: string, $concept: string) {
  document as var(func: eq(${P.documentId}, $document)) ${IN_TENANT_DOCUMENTS}
  concept as var(func: eq(${P.id}, $concept)) ${IN_TENANT_CONCEPTS}
}`;
  const mention = [{ uid: "uid(concept)", [`${P.mentions}|${WEIGHT_FACET}`]: weight }];
  return upsert(text, { $tenant: tenantId, $document: documentId, $concept: conceptId }, [
    mutation("@if(eq(len(document), 0) AND eq(len(concept), 1))", {
      uid: "_:document",
      "dgraph.type": "DocumentRef",
      [P.tenant]: tenantId,
      [P.documentId]: documentId,
      [P.mentions]: mention,
    }),
    mutation("@if(eq(len(document), 1) AND eq(len(concept), 1))", { uid: "uid(document)", [P.mentions]: mention }),
  ]);
}
