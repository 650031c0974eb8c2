import { notFound } from "@aiwf/platform";
import type { Concept, ConceptId, ConceptPage, DocumentId, RelationshipType } from "./concept";
import {
  normalizeConceptName,
  parseConceptDraft,
  parseDocumentMention,
  parsePageRequest,
  parseRelationship,
  prerequisiteCycleError,
  type LinkDocumentRequest,
  type RelateConceptsRequest,
  type UpsertConceptRequest,
} from "./concept-rules";
import type { GraphStore } from "./graph-store";
import { SerialQueue } from "./serial-queue";

export interface RelatedConcepts {
  from: Concept;
  to: Concept;
  type: RelationshipType;
  weight: number;
}

/**
 * The knowledge graph's use cases: validate, check what the store must not be asked to
 * break (unknown ids, prerequisite cycles), then make one store call. Batched reads come
 * back aligned with the keys asked for, as DataLoader wants them.
 */
export class ConceptService {
  /** Serializes prerequisite writes per tenant; see SerialQueue for why. */
  private readonly prerequisiteWrites = new SerialQueue();

  constructor(private readonly store: GraphStore) {}

  upsertConcept(tenantId: string, request: UpsertConceptRequest): Promise<Concept> {
    return this.store.upsertConcept(tenantId, parseConceptDraft(request));
  }

  async conceptsByIds(tenantId: string, ids: readonly ConceptId[]): Promise<Array<Concept | null>> {
    const found = await this.store.getConcepts(tenantId, ids);
    return ids.map((id) => found.get(id) ?? null);
  }

  findConceptByName(tenantId: string, name: string): Promise<Concept | null> {
    return this.store.findConceptByName(tenantId, normalizeConceptName(name));
  }

  listConcepts(tenantId: string, first: number, after?: string | null): Promise<ConceptPage> {
    return this.store.listConcepts(tenantId, parsePageRequest(first, after));
  }

  async relate(tenantId: string, request: RelateConceptsRequest): Promise<RelatedConcepts> {
    const relationship = parseRelationship(request);
    const write = async () => {
      const [from, to] = await this.requireConcepts(tenantId, [relationship.fromId, relationship.toId]);
      if (relationship.type === "PREREQUISITE") await this.refuseCycle(tenantId, from, to);
      await this.store.relate(tenantId, relationship);
      return { from, to, type: relationship.type, weight: relationship.weight };
    };
    return relationship.type === "PREREQUISITE" ? this.prerequisiteWrites.run(tenantId, write) : write();
  }

  async linkDocument(tenantId: string, request: LinkDocumentRequest): Promise<Concept> {
    const mention = parseDocumentMention(request);
    const [concept] = await this.requireConcepts(tenantId, [mention.conceptId]);
    await this.store.linkDocument(tenantId, mention);
    return concept;
  }

  async prerequisitesOf(tenantId: string, ids: readonly ConceptId[]): Promise<Concept[][]> {
    const byId = await this.store.prerequisitesOf(tenantId, ids);
    return ids.map((id) => byId.get(id) ?? []);
  }

  async conceptsOfDocuments(tenantId: string, documentIds: readonly DocumentId[]): Promise<Concept[][]> {
    const byDocument = await this.store.conceptsOfDocuments(tenantId, documentIds);
    return documentIds.map((id) => byDocument.get(id) ?? []);
  }

  async documentsOfConcepts(tenantId: string, conceptIds: readonly ConceptId[]): Promise<DocumentId[][]> {
    const byConcept = await this.store.documentsOfConcepts(tenantId, conceptIds);
    return conceptIds.map((id) => byConcept.get(id) ?? []);
  }

  private async requireConcepts(tenantId: string, ids: ConceptId[]): Promise<Concept[]> {
    const found = await this.store.getConcepts(tenantId, ids);
    return ids.map((id) => {
      const concept = found.get(id);
      if (!concept) throw notFound("Concept", id);
      return concept;
    });
  }

  /** from -> to closes a cycle exactly when `to` already leads back to `from`. */
  private async refuseCycle(tenantId: string, from: Concept, to: Concept): Promise<void> {
    const path = await this.store.findPrerequisitePath(tenantId, to.id, from.id);
    if (!path) return;
    const onPath = await this.store.getConcepts(tenantId, path);
    const names = path.map((id) => onPath.get(id)?.name ?? id);
    throw prerequisiteCycleError(from.name, names, [from.id, ...path]);
  }
}
