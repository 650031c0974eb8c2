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

/** A regexp matching names that contain `text` literally (RE2 syntax, passed as a variable). */
export function containsPattern(text: string): string {
  return `/${text.replace(/[\\^$.|?*+()[\]{}/]/g, "\\$&")}/`;
}

/**
 * One more than asked, to learn whether another page follows. A search of 3 characters or
 * more starts from the trigram index (regexp), otherwise from the tenant index; every
 * block keeps the tenant filter.
 * IMPORTANCE pages by offset (see ConceptPageRequest); concepts without importance last.
 */
export function conceptPageQuery(tenantId: string, { first, after, search, orderBy, offset }: ConceptPageRequest): DqlQuery {
  const byImportance = orderBy === "IMPORTANCE";
  const useAfter = !byImportance && after !== undefined;
  // The trigram index can only start a search of 3 or more characters; shorter ones filter.
  const indexed = search !== undefined && search.length >= 3;
  const root = indexed ? `regexp(${P.normalizedName}, $search)` : `eq(${P.tenant}, $tenant)`;
  const filter = indexed ? `eq(${P.tenant}, $tenant) AND type(Concept)` : search === undefined ? "type(Concept)" : `type(Concept) AND regexp(${P.normalizedName}, $search)`;
  const order = byImportance ? `orderdesc: ${P.importance}, orderasc: ${P.normalizedName}, offset: $offset` : `orderasc: ${P.normalizedName}`;
  const declarations = ["$tenant: string", "$first: int", ...(useAfter ? ["$after: string"] : []), ...(search !== undefined ? ["$search: string"] : []), ...(byImportance ? ["$offset: int"] : [])];
  return {
    text: `query conceptPage(${declarations.join(", ")}) {
  page(func: ${root}, ${order}, first: $first) @filter(${filter}${useAfter ? ` AND gt(${P.normalizedName}, $after)` : ""}) {
    ${CONCEPT_FIELDS}
  }
  total(func: ${root}) @filter(${filter}) {
    count(uid)
  }
}`,
    vars: {
      $tenant: tenantId,
      $first: String(first + 1),
      ...(useAfter ? { $after: after! } : {}),
      ...(search !== undefined ? { $search: containsPattern(search) } : {}),
      ...(byImportance ? { $offset: String(offset ?? 0) } : {}),
    },
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
