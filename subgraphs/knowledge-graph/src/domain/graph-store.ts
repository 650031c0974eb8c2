import type {
  Concept,
  ConceptDraft,
  ConceptId,
  ConceptPage,
  ConceptPageRequest,
  DocumentId,
  DocumentMention,
  ConceptMetrics,
  Relationship,
  RelationshipKey,
  RelationshipType,
  TenantGraphData,
} from "./concept";

/** Which edges of a concept to follow: those leaving it, those reaching it, or both. */
export type EdgeDirection = "out" | "in" | "both";

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
  /** Removes the edge; false when there was none. */
  removeRelationship(tenantId: string, key: RelationshipKey): Promise<boolean>;
  /**
   * The edges touching any of `ids` in `direction`, of the given types (all when absent).
   * An edge between two of the ids appears once.
   */
  edgesOf(tenantId: string, ids: readonly ConceptId[], direction: EdgeDirection, types?: readonly RelationshipType[]): Promise<Relationship[]>;
  /**
   * Folds `mergeId` into `keepId`: its relationships and document mentions move to
   * `keepId` (where both had one, the larger weight stays; edges between the two vanish),
   * then `mergeId` is deleted and resolves to nothing. ConceptService checks both exist
   * and that no prerequisite cycle results.
   */
  mergeConcepts(tenantId: string, keepId: ConceptId, mergeId: ConceptId): Promise<void>;
  /**
   * Concept ids along a chain of PREREQUISITE edges from `fromId` to `toId`, both ends
   * included, or null when `toId` cannot be reached. Used to refuse cycles before writing.
   */
  findPrerequisitePath(tenantId: string, fromId: ConceptId, toId: ConceptId): Promise<ConceptId[] | null>;
  /** For each concept, the concepts that are its prerequisites (ordered by name). */
  prerequisitesOf(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept[]>>;

  /** Idempotent per (document, concept): linking again updates the weight. */
  linkDocument(tenantId: string, mention: DocumentMention): Promise<void>;
  /**
   * Removes the document's mentions of `conceptIds` (all its mentions when absent);
   * returns the ids of the concepts it no longer mentions. Idempotent.
   */
  unlinkDocument(tenantId: string, documentId: DocumentId, conceptIds?: readonly ConceptId[]): Promise<ConceptId[]>;
  /** For each document, the concepts it mentions (ordered by name). */
  conceptsOfDocuments(tenantId: string, documentIds: readonly DocumentId[]): Promise<Map<DocumentId, Concept[]>>;
  /** For each concept, the ids of the documents that mention it. */
  documentsOfConcepts(tenantId: string, conceptIds: readonly ConceptId[]): Promise<Map<ConceptId, DocumentId[]>>;

  /** The tenant's whole graph (every concept and edge), read for the graph algorithms. */
  loadGraph(tenantId: string): Promise<TenantGraphData>;
  /**
   * Every relationship of the tenant, in batches (a few thousand at a time), so a reader
   * can build its own index without holding the store's copy and its own at once.
   */
  relationshipBatches(tenantId: string): AsyncIterable<Relationship[]>;
  /**
   * A counter of the tenant's relationship changes, shared by every process using the
   * store: each relate and each removal that removed something adds exactly one, a merge
   * at least one. Cheap to read, so a cached copy of the graph can ask "did anyone change
   * it?" per request, and tell its own write from someone else's. 0 for an unwritten tenant.
   */
  graphVersion(tenantId: string): Promise<number>;
  /** Stores importance and community on each concept; unknown ids are skipped. */
  writeMetrics(tenantId: string, metrics: readonly ConceptMetrics[]): Promise<void>;

  /** Resolves when the store answers (readiness). */
  checkHealth(): Promise<void>;
  /** Flushes pending writes and releases connections. */
  close(): Promise<void>;
}
