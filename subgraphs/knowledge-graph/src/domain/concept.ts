/**
 * The knowledge graph's vocabulary: concepts, the typed relationships between them and
 * the documents that mention them. Pure data; validation lives in concept-rules.ts.
 */
export type ConceptId = string;
/** A Document is owned by content-processing; here it is only ever referenced by id. */
export type DocumentId = string;

export const DIFFICULTIES = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * Every relationship reads "from is <type> to": `a PREREQUISITE b` means a is learned
 * before b, `a PART_OF b` means a is a part of b. Edges point in learning order, so a
 * learning path follows them forwards.
 */
export const RELATIONSHIP_TYPES = ["PREREQUISITE", "RELATED", "PART_OF"] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface Concept {
  id: ConceptId;
  name: string;
  /** Unique per tenant: trimmed, inner spaces collapsed, lower-cased. Orders pages. */
  normalizedName: string;
  description: string | null;
  difficulty: Difficulty | null;
  tags: string[];
  /**
   * PageRank over the tenant's graph (sums to 1 across the tenant's concepts); null until
   * the first recomputation after the concept was created. See graph-metrics.ts.
   */
  importance: number | null;
  /** Louvain community number (0 is the largest community); null until computed. */
  community: number | null;
}

/**
 * A validated upsert. Fields left undefined keep their stored value on update; null
 * (or an empty tag list) clears it.
 */
export interface ConceptDraft {
  name: string;
  normalizedName: string;
  description?: string | null;
  difficulty?: Difficulty | null;
  tags?: string[];
}

/** Identifies one edge: there is at most one per (from, to, type). */
export interface RelationshipKey {
  fromId: ConceptId;
  toId: ConceptId;
  type: RelationshipType;
}

export interface Relationship extends RelationshipKey {
  /** In (0, 1]: how strongly `from` bears on `to`. */
  weight: number;
}

/** A tenant's whole graph, as the algorithms read it. */
export interface TenantGraphData {
  concepts: Concept[];
  relationships: Relationship[];
}

/** What one metrics recomputation writes back per concept. */
export interface ConceptMetrics {
  id: ConceptId;
  importance: number;
  community: number;
}

/** "This document mentions this concept", with how central the concept is to it. */
export interface DocumentMention {
  documentId: DocumentId;
  conceptId: ConceptId;
  weight: number;
}

export const CONCEPT_ORDERS = ["NAME", "IMPORTANCE"] as const;
export type ConceptOrder = (typeof CONCEPT_ORDERS)[number];

/**
 * NAME pages are keyed by the last normalized name seen (stable under writes). IMPORTANCE
 * pages use an offset: importance changes with every recomputation, so no key is stable.
 */
export interface ConceptPageRequest {
  first: number;
  /** NAME order: the normalized name of the last concept already seen. */
  after?: string;
  /** Only concepts whose normalized name contains this (already normalized) text. */
  search?: string;
  orderBy?: ConceptOrder;
  /** IMPORTANCE order: how many concepts to skip. */
  offset?: number;
}

export interface ConceptPage {
  concepts: Concept[];
  hasNextPage: boolean;
  totalCount: number;
}
