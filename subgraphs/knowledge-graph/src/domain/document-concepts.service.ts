import type { ConceptId, DocumentId } from "./concept";
import { parseConceptDraft } from "./concept-rules";
import type { GraphStore } from "./graph-store";
import type { GraphChange, LearningGraphs } from "./learning-graphs";
import { SerialQueue } from "./serial-queue";

export interface CandidateConcept {
  name: string;
  score: number;
}

/** A document's concepts beyond this many (by score) are ignored: pairs grow quadratically. */
export const MAX_CANDIDATES = 25;

/**
 * Co-occurrence strength of two concepts mentioned together in `count` documents:
 * count / (count + 1), so 1 document gives 0.5, 3 give 0.75, and it tends to 1 — always
 * within (0, 1] and depending only on the current mentions, never on how often an event
 * was delivered.
 */
export const coOccurrenceWeight = (count: number): number => count / (count + 1);

/**
 * Candidates as (normalized name -> weight): unusable names are skipped (one bad candidate
 * must not dead-letter the document), duplicates keep their best score, scores above 1 are
 * scaled down by the largest, and non-positive scores dropped.
 */
export function parseCandidates(candidates: readonly CandidateConcept[]): Array<{ name: string; normalizedName: string; weight: number }> {
  const best = new Map<string, { name: string; normalizedName: string; score: number }>();
  for (const candidate of candidates) {
    if (!Number.isFinite(candidate.score) || candidate.score <= 0) continue;
    let draft;
    try {
      draft = parseConceptDraft({ name: candidate.name });
    } catch {
      continue;
    }
    const seen = best.get(draft.normalizedName);
    if (!seen || seen.score < candidate.score) best.set(draft.normalizedName, { ...draft, score: candidate.score });
  }
  const kept = [...best.values()].sort((a, b) => b.score - a.score || (a.normalizedName < b.normalizedName ? -1 : 1)).slice(0, MAX_CANDIDATES);
  const scale = Math.max(1, ...kept.map((candidate) => candidate.score));
  return kept.map(({ name, normalizedName, score }) => ({ name, normalizedName, weight: score / scale }));
}

/**
 * Turns content-processing's documents into graph: a processed document's candidate
 * concepts become concepts (existing ones keep their spelling), mentions weighted by score,
 * and RELATED edges between concepts that co-occur. The result depends only on the
 * document's content, so handling an event twice, or a re-processed document, changes
 * nothing more. Documents of one tenant are handled one at a time: co-occurrence counts
 * read what other documents wrote.
 */
export class DocumentConceptsService {
  private readonly tenants = new SerialQueue();

  constructor(
    private readonly store: GraphStore,
    private readonly onChange: (tenantId: string) => void = () => {},
    /** When shared with ConceptService, co-occurrence edges reach its learning graphs without a reload. */
    private readonly learningGraphs?: LearningGraphs,
  ) {}

  documentProcessed(tenantId: string, documentId: DocumentId, candidates: readonly CandidateConcept[]): Promise<void> {
    return this.tenants.run(tenantId, async () => {
      const mentions: Array<{ conceptId: ConceptId; weight: number }> = [];
      for (const candidate of parseCandidates(candidates)) {
        const existing = await this.store.findConceptByName(tenantId, candidate.normalizedName);
        const concept = existing ?? (await this.store.upsertConcept(tenantId, { name: candidate.name, normalizedName: candidate.normalizedName }));
        mentions.push({ conceptId: concept.id, weight: candidate.weight });
      }
      const mentioned = new Set(mentions.map((mention) => mention.conceptId));
      const previous = await this.linkedConcepts(tenantId, documentId);
      await this.store.unlinkDocument(tenantId, documentId, previous.filter((id) => !mentioned.has(id)));
      for (const mention of mentions) await this.store.linkDocument(tenantId, { documentId, ...mention });
      await this.updateCoOccurrence(tenantId, [...new Set([...mentioned, ...previous])], new Set(previous));
      this.onChange(tenantId);
    });
  }

  documentDeleted(tenantId: string, documentId: DocumentId): Promise<void> {
    return this.tenants.run(tenantId, async () => {
      const removed = await this.store.unlinkDocument(tenantId, documentId);
      if (removed.length === 0) return;
      await this.updateCoOccurrence(tenantId, removed, new Set(removed));
      this.onChange(tenantId);
    });
  }

  private async linkedConcepts(tenantId: string, documentId: DocumentId): Promise<ConceptId[]> {
    const [concepts = []] = (await this.store.conceptsOfDocuments(tenantId, [documentId])).values();
    return concepts.map((concept) => concept.id);
  }

  /**
   * Rewrites the co-occurrence edge of every pair among `ids` (one edge per pair, from the
   * smaller id to the larger). A pair no document mentions together any more loses its
   * edge, but only if this document had joined it (`wereTogether`): a RELATED edge drawn
   * by hand between concepts that never co-occurred is left alone.
   */
  private async updateCoOccurrence(tenantId: string, ids: ConceptId[], wereTogether: Set<ConceptId>): Promise<void> {
    const sorted = [...ids].sort();
    const documents = await this.store.documentsOfConcepts(tenantId, sorted);
    const documentsOf = new Map(sorted.map((id) => [id, new Set(documents.get(id) ?? [])]));
    const changes: GraphChange[] = [];
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [fromId, toId] = [sorted[i]!, sorted[j]!];
        const shared = [...documentsOf.get(fromId)!].filter((document) => documentsOf.get(toId)!.has(document)).length;
        if (shared > 0) {
          const relationship = { fromId, toId, type: "RELATED" as const, weight: coOccurrenceWeight(shared) };
          await this.store.relate(tenantId, relationship);
          changes.push({ kind: "relate", relationship });
        } else if (wereTogether.has(fromId) && wereTogether.has(toId)) {
          const key = { fromId, toId, type: "RELATED" as const };
          if (await this.store.removeRelationship(tenantId, key)) changes.push({ kind: "remove", key });
        }
      }
    }
    await this.learningGraphs?.wrote(tenantId, changes);
  }
}
