import type { BaseContext } from "@aiwf/platform";
import DataLoader from "dataloader";
import type { Concept, ConceptId, DocumentId } from "../domain/concept";
import type { ConceptService } from "../domain/concept.service";

/** Bounds the size of one batched store query. */
const MAX_BATCH = 100;

/**
 * Per-request batching: every field that fans out over a list (a page's prerequisites,
 * `_entities` of many concepts) becomes one store call per kind of lookup. Created per
 * request and per tenant, so nothing cached crosses requests or tenants.
 */
export function createKnowledgeGraphLoaders(concepts: ConceptService, tenantId: string) {
  const options = { maxBatchSize: MAX_BATCH };
  const loaders = {
    conceptById: new DataLoader<ConceptId, Concept | null>((ids) => concepts.conceptsByIds(tenantId, ids), options),
    prerequisitesOf: new DataLoader<ConceptId, Concept[]>((ids) => concepts.prerequisitesOf(tenantId, ids), options),
    documentsOf: new DataLoader<ConceptId, DocumentId[]>((ids) => concepts.documentsOfConcepts(tenantId, ids), options),
    conceptsOfDocument: new DataLoader<DocumentId, Concept[]>((ids) => concepts.conceptsOfDocuments(tenantId, ids), options),
  };
  return {
    ...loaders,
    /** After a mutation: later fields of the same request must see what it wrote. */
    forgetAll(): void {
      for (const loader of Object.values(loaders)) loader.clearAll();
    },
  };
}

export type KnowledgeGraphLoaders = ReturnType<typeof createKnowledgeGraphLoaders>;

export interface KnowledgeGraphContext extends BaseContext {
  loaders: KnowledgeGraphLoaders;
}
