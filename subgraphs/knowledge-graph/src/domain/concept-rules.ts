import { badInput } from "@aiwf/platform";
import {
  DIFFICULTIES,
  RELATIONSHIP_TYPES,
  type ConceptDraft,
  type ConceptPageRequest,
  type Difficulty,
  type DocumentMention,
  type Relationship,
  type RelationshipType,
} from "./concept";

/**
 * Pure validation: raw requests in, domain values out, or BAD_USER_INPUT naming the
 * field as the API spells it (`input.name`), so a client can point at the culprit.
 */
export const LIMITS = { name: 200, description: 10_000, tags: 20, tag: 50, documentId: 200, pageSize: 100 } as const;

/** NFKC so that look-alike spellings of one name ("ﬁle" and "file") are one concept. */
export function cleanConceptName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ");
}

export function normalizeConceptName(name: string): string {
  return cleanConceptName(name).toLowerCase();
}

export interface UpsertConceptRequest {
  name: string;
  /** undefined keeps the stored value; null (or blank) clears it. */
  description?: string | null;
  difficulty?: string | null;
  tags?: string[] | null;
}

export function parseConceptDraft(request: UpsertConceptRequest): ConceptDraft {
  const name = cleanConceptName(request.name);
  if (name.length < 1 || name.length > LIMITS.name) {
    throw badInput("input.name", `A concept name must be 1 to ${LIMITS.name} characters long`);
  }
  const draft: ConceptDraft = { name, normalizedName: name.toLowerCase() };
  if (request.description !== undefined) draft.description = parseDescription(request.description);
  if (request.difficulty !== undefined) draft.difficulty = parseDifficulty(request.difficulty);
  if (request.tags !== undefined) draft.tags = parseTags(request.tags ?? []);
  return draft;
}

function parseDescription(description: string | null): string | null {
  const trimmed = description?.trim() ?? "";
  if (trimmed.length > LIMITS.description) {
    throw badInput("input.description", `A description must be at most ${LIMITS.description} characters long`);
  }
  return trimmed === "" ? null : trimmed;
}

function parseDifficulty(difficulty: string | null): Difficulty | null {
  if (difficulty === null) return null;
  if (!(DIFFICULTIES as readonly string[]).includes(difficulty)) {
    throw badInput("input.difficulty", `Difficulty must be one of ${DIFFICULTIES.join(", ")}`);
  }
  return difficulty as Difficulty;
}

/**
 * Tags are a set: trimmed, de-duplicated case-insensitively (first spelling wins) and
 * sorted, so every store returns them in the same order.
 */
function parseTags(tags: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
    if (tag.length < 1 || tag.length > LIMITS.tag) {
      throw badInput("input.tags", `Each tag must be 1 to ${LIMITS.tag} characters long`);
    }
    if (!byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
  }
  if (byKey.size > LIMITS.tags) throw badInput("input.tags", `A concept has at most ${LIMITS.tags} tags`);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, "en"));
}

export function parseWeight(weight: number, field = "input.weight"): number {
  if (!Number.isFinite(weight) || weight <= 0 || weight > 1) {
    throw badInput(field, "A weight must be greater than 0 and at most 1");
  }
  return weight;
}

function requireId(id: string, field: string): string {
  if (id.trim() === "") throw badInput(field, "An id must not be empty");
  return id;
}

export interface RelateConceptsRequest {
  from: string;
  to: string;
  type: string;
  weight: number;
}

export function parseRelationship(request: RelateConceptsRequest): Relationship {
  const fromId = requireId(request.from, "input.from");
  const toId = requireId(request.to, "input.to");
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(request.type)) {
    throw badInput("input.type", `Type must be one of ${RELATIONSHIP_TYPES.join(", ")}`);
  }
  if (fromId === toId) {
    throw badInput("input.to", "A concept cannot be related to itself", { reason: "SELF_RELATION" });
  }
  return { fromId, toId, type: request.type as RelationshipType, weight: parseWeight(request.weight) };
}

export interface LinkDocumentRequest {
  documentId: string;
  conceptId: string;
  weight: number;
}

export function parseDocumentMention(request: LinkDocumentRequest): DocumentMention {
  const documentId = requireId(request.documentId, "input.documentId");
  if (documentId.length > LIMITS.documentId) {
    throw badInput("input.documentId", `A document id must be at most ${LIMITS.documentId} characters long`);
  }
  return { documentId, conceptId: requireId(request.conceptId, "input.conceptId"), weight: parseWeight(request.weight) };
}

export function parsePageRequest(first: number, after?: string | null): ConceptPageRequest {
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.pageSize) {
    throw badInput("first", `first must be an integer from 1 to ${LIMITS.pageSize}`);
  }
  return after ? { first, after } : { first };
}

/**
 * `path` runs from the new edge's target back to its source along existing prerequisite
 * edges, so the new edge closes it: source -> target -> ... -> source.
 */
export function prerequisiteCycleError(sourceName: string, pathNames: string[], cycleIds: string[]) {
  const cycle = [sourceName, ...pathNames].join(" -> ");
  return badInput("input.to", `This prerequisite would close the cycle ${cycle}`, { reason: "CYCLE", cycle: cycleIds });
}
