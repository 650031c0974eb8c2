import type { ConceptId, ConceptPageRequest, DocumentId } from "../domain/concept";
import { CONCEPT_FIELDS, EDGE_OF, IN_TENANT_CONCEPTS, IN_TENANT_DOCUMENTS, P } from "./dgraph-schema";

/** A DQL query and its variables. Values only ever travel as variables, never in the text. */
export interface DqlQuery {
  text: string;
  vars: Record<string, string>;
}

/**
 * A batch of values as numbered variables: `[$id0, $id1]`, declared `$id0: string, ...`.
 * dgraph-js sends string variables only, and DQL accepts a list of variables in eq().
 */
export function listVariables(prefix: string, values: readonly string[]) {
  const names = values.map((_, index) => `$${prefix}${index}`);
  return {
    declarations: names.map((name) => `${name}: string`).join(", "),
    list: `[${names.join(", ")}]`,
    vars: Object.fromEntries(names.map((name, index) => [name, values[index]!])),
  };
}

export function conceptsByIdQuery(tenantId: string, ids: readonly ConceptId[]): DqlQuery {
  const batch = listVariables("id", ids);
  return {
    text: `query conceptsById($tenant: string, ${batch.declarations}) {
  concepts(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS} {
    ${CONCEPT_FIELDS}
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}

export function conceptByNameQuery(tenantId: string, normalizedName: string): DqlQuery {
  return {
    text: `query conceptByName($tenant: string, $name: string) {
  concepts(func: eq(${P.normalizedName}, $name)) ${IN_TENANT_CONCEPTS} {
    ${CONCEPT_FIELDS}
  }
}`,
    vars: { $tenant: tenantId, $name: normalizedName },
  };
}

/** One more than asked, to learn whether another page follows. */
export function conceptPageQuery(tenantId: string, { first, after }: ConceptPageRequest): DqlQuery {
  const afterFilter = after === undefined ? "" : ` AND gt(${P.normalizedName}, $after)`;
  return {
    text: `query conceptPage($tenant: string, $first: int${after === undefined ? "" : ", $after: string"}) {
  page(func: eq(${P.tenant}, $tenant), orderasc: ${P.normalizedName}, first: $first) @filter(type(Concept)${afterFilter}) {
    ${CONCEPT_FIELDS}
  }
  total(func: eq(${P.tenant}, $tenant)) @filter(type(Concept)) {
    count(uid)
  }
}`,
    vars: { $tenant: tenantId, $first: String(first + 1), ...(after === undefined ? {} : { $after: after }) },
  };
}

/**
 * Dgraph's shortest path over prerequisite edges. Both ends must exist in the tenant
 * (ConceptService checks before asking); edges only join concepts of one tenant.
 */
export function prerequisitePathQuery(tenantId: string, fromId: ConceptId, toId: ConceptId): DqlQuery {
  return {
    text: `query prerequisitePath($tenant: string, $from: string, $to: string) {
  source as var(func: eq(${P.id}, $from)) ${IN_TENANT_CONCEPTS}
  target as var(func: eq(${P.id}, $to)) ${IN_TENANT_CONCEPTS}
  path as shortest(from: uid(source), to: uid(target)) {
    ${EDGE_OF.PREREQUISITE}
  }
  steps(func: uid(path)) {
    uid
    ${P.id}
  }
}`,
    vars: { $tenant: tenantId, $from: fromId, $to: toId },
  };
}

export function prerequisitesQuery(tenantId: string, ids: readonly ConceptId[]): DqlQuery {
  const batch = listVariables("id", ids);
  return {
    text: `query prerequisites($tenant: string, ${batch.declarations}) {
  concepts(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS} {
    ${P.id}
    prerequisites: ~${EDGE_OF.PREREQUISITE} (orderasc: ${P.normalizedName}) ${IN_TENANT_CONCEPTS} {
      ${CONCEPT_FIELDS}
    }
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}

export function conceptsOfDocumentsQuery(tenantId: string, documentIds: readonly DocumentId[]): DqlQuery {
  const batch = listVariables("doc", documentIds);
  return {
    text: `query conceptsOfDocuments($tenant: string, ${batch.declarations}) {
  documents(func: eq(${P.documentId}, ${batch.list})) ${IN_TENANT_DOCUMENTS} {
    ${P.documentId}
    concepts: ${P.mentions} (orderasc: ${P.normalizedName}) ${IN_TENANT_CONCEPTS} {
      ${CONCEPT_FIELDS}
    }
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}

export function documentsOfConceptsQuery(tenantId: string, conceptIds: readonly ConceptId[]): DqlQuery {
  const batch = listVariables("id", conceptIds);
  return {
    text: `query documentsOfConcepts($tenant: string, ${batch.declarations}) {
  concepts(func: eq(${P.id}, ${batch.list})) ${IN_TENANT_CONCEPTS} {
    ${P.id}
    documents: ~${P.mentions} ${IN_TENANT_DOCUMENTS} {
      ${P.documentId}
    }
  }
}`,
    vars: { $tenant: tenantId, ...batch.vars },
  };
}
