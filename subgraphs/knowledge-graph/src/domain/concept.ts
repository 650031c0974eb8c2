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

export interface Relationship {
  fromId: ConceptId;
  toId: ConceptId;
  type: RelationshipType;
  /** In (0, 1]: how strongly `from` bears on `to`. */
  weight: number;
}

/** "This document mentions this concept", with how central the concept is to it. */
export interface DocumentMention {
  documentId: DocumentId;
  conceptId: ConceptId;
  weight: number;
}

export interface ConceptPageRequest {
  first: number;
  /** The normalized name of the last concept already seen; pages are ordered by it. */
  after?: string;
}

export interface ConceptPage {
  concepts: Concept[];
  hasNextPage: boolean;
  totalCount: number;
}
