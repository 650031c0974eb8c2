import type {
  Concept,
  ConceptDraft,
  ConceptId,
  ConceptPage,
  ConceptPageRequest,
  DocumentId,
  DocumentMention,
  Relationship,
} from "./concept";

/**
 * Where the knowledge graph lives (Dgraph, or the embedded store). Every method is scoped
 * to one tenant: another tenant's ids are simply absent. Inputs arrive validated by
 * ConceptService; a store keeps its invariants (one concept per normalized name, one
 * edge per (from, to, type), one mention per (document, concept)) under concurrency.
 */
export interface GraphStore {
  /** Creates the concept, or updates the one with the same normalized name. */
  upsertConcept(tenantId: string, draft: ConceptDraft): Promise<Concept>;
  /** Found concepts by id; unknown ids are left out. */
  getConcepts(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept>>;
  findConceptByName(tenantId: string, normalizedName: string): Promise<Concept | null>;
  listConcepts(tenantId: string, page: ConceptPageRequest): Promise<ConceptPage>;

  /** Idempotent per (from, to, type): relating again updates the weight. */
  relate(tenantId: string, relationship: Relationship): Promise<void>;
  /**
   * Concept ids along a chain of PREREQUISITE edges from `fromId` to `toId`, both ends
   * included, or null when `toId` cannot be reached. Used to refuse cycles before writing.
   */
  findPrerequisitePath(tenantId: string, fromId: ConceptId, toId: ConceptId): Promise<ConceptId[] | null>;
  /** For each concept, the concepts that are its prerequisites (ordered by name). */
  prerequisitesOf(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept[]>>;

  /** Idempotent per (document, concept): linking again updates the weight. */
  linkDocument(tenantId: string, mention: DocumentMention): Promise<void>;
  /** For each document, the concepts it mentions (ordered by name). */
  conceptsOfDocuments(tenantId: string, documentIds: readonly DocumentId[]): Promise<Map<DocumentId, Concept[]>>;
  /** For each concept, the ids of the documents that mention it. */
  documentsOfConcepts(tenantId: string, conceptIds: readonly ConceptId[]): Promise<Map<ConceptId, DocumentId[]>>;

  /** Resolves when the store answers (readiness). */
  checkHealth(): Promise<void>;
  /** Flushes pending writes and releases connections. */
  close(): Promise<void>;
}
