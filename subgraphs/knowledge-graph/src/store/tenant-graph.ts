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
} from "../domain/concept";
import { RELATIONSHIP_TYPES } from "../domain/concept";
import type { EdgeDirection } from "../domain/graph-store";
import { keepMax, link, unlink, type Adjacency } from "./adjacency";

/** One tenant's graph as the snapshot file stores it. */
export interface TenantSnapshot {
  concepts: Concept[];
  relationships: Relationship[];
  mentions: DocumentMention[];
}

/** Snapshots written before importance and community existed lack them. */
const withMetricDefaults = (concept: Concept): Concept => ({ ...concept, importance: concept.importance ?? null, community: concept.community ?? null });
/** Unknown importance sorts last. */
const byImportance = (a: Concept, b: Concept) => (b.importance ?? -1) - (a.importance ?? -1) || byName(a, b);

const byName = (a: Concept, b: Concept) => (a.normalizedName < b.normalizedName ? -1 : a.normalizedName > b.normalizedName ? 1 : 0);
/** Callers get copies: nothing outside may change what the graph holds. */
const copy = (concept: Concept): Concept => ({ ...concept, tags: [...concept.tags] });

/**
 * One tenant's concepts, edges and mentions in maps indexed both ways, so every lookup
 * the GraphStore offers is a map access. Keeping tenants in separate instances makes
 * crossing tenants impossible by construction.
 */
export class TenantGraph {
  private readonly concepts = new Map<ConceptId, Concept>();
  private readonly idByName = new Map<string, ConceptId>();
  private readonly outgoing = new Map<RelationshipType, Adjacency>();
  private readonly incoming = new Map<RelationshipType, Adjacency>();
  private readonly documentsByConcept: Adjacency = new Map();
  private readonly conceptsByDocument: Adjacency = new Map();

  upsert(draft: ConceptDraft, newId: () => ConceptId): Concept {
    const existingId = this.idByName.get(draft.normalizedName);
    const current = existingId ? this.concepts.get(existingId) : undefined;
    const concept: Concept = {
      id: current?.id ?? newId(),
      name: draft.name,
      normalizedName: draft.normalizedName,
      description: draft.description !== undefined ? draft.description : (current?.description ?? null),
      difficulty: draft.difficulty !== undefined ? draft.difficulty : (current?.difficulty ?? null),
      tags: draft.tags ?? current?.tags ?? [],
      importance: current?.importance ?? null,
      community: current?.community ?? null,
    };
    this.put(concept);
    return copy(concept);
  }

  get(id: ConceptId): Concept | undefined {
    const concept = this.concepts.get(id);
    return concept && copy(concept);
  }

  findByName(normalizedName: string): Concept | undefined {
    const id = this.idByName.get(normalizedName);
    return id === undefined ? undefined : this.get(id);
  }

  /** Sorts on every call: fine for an embedded, single-user graph; Dgraph uses its index. */
  page({ first, after, search, orderBy, offset }: ConceptPageRequest): ConceptPage {
    const all = [...this.concepts.values()];
    const matching = search === undefined ? all : all.filter((concept) => concept.normalizedName.includes(search));
    const sorted = matching.sort(orderBy === "IMPORTANCE" ? byImportance : byName);
    let rest = sorted;
    if (orderBy === "IMPORTANCE") rest = sorted.slice(offset ?? 0);
    else if (after !== undefined) rest = sorted.filter((concept) => concept.normalizedName > after);
    return { concepts: rest.slice(0, first).map(copy), hasNextPage: rest.length > first, totalCount: sorted.length };
  }

  relate({ fromId, toId, type, weight }: Relationship): void {
    link(this.adjacency(this.outgoing, type), fromId, toId, weight);
    link(this.adjacency(this.incoming, type), toId, fromId, weight);
  }

  removeRelationship({ fromId, toId, type }: RelationshipKey): boolean {
    unlink(this.adjacency(this.incoming, type), toId, fromId);
    return unlink(this.adjacency(this.outgoing, type), fromId, toId);
  }

  edgesOf(ids: readonly ConceptId[], direction: EdgeDirection, types: readonly RelationshipType[] = RELATIONSHIP_TYPES): Relationship[] {
    const edges = new Map<string, Relationship>();
    const add = (edge: Relationship) => edges.set(`${edge.type} ${edge.fromId} ${edge.toId}`, edge);
    for (const type of types) {
      for (const id of ids) {
        if (direction !== "in") for (const [toId, weight] of this.outgoing.get(type)?.get(id) ?? []) add({ fromId: id, toId, type, weight });
        if (direction !== "out") for (const [fromId, weight] of this.incoming.get(type)?.get(id) ?? []) add({ fromId, toId: id, type, weight });
      }
    }
    return [...edges.values()];
  }

  /** See GraphStore.mergeConcepts: edges and mentions move, the larger weight wins. */
  merge(keepId: ConceptId, mergeId: ConceptId): void {
    for (const edge of this.edgesOf([mergeId], "both")) {
      this.removeRelationship(edge);
      const moved = { ...edge, fromId: edge.fromId === mergeId ? keepId : edge.fromId, toId: edge.toId === mergeId ? keepId : edge.toId };
      if (moved.fromId === moved.toId) continue;
      keepMax(this.adjacency(this.outgoing, moved.type), moved.fromId, moved.toId, moved.weight);
      keepMax(this.adjacency(this.incoming, moved.type), moved.toId, moved.fromId, moved.weight);
    }
    for (const [documentId, weight] of this.documentsByConcept.get(mergeId) ?? []) {
      unlink(this.conceptsByDocument, documentId, mergeId);
      keepMax(this.conceptsByDocument, documentId, keepId, weight);
      keepMax(this.documentsByConcept, keepId, documentId, weight);
    }
    this.documentsByConcept.delete(mergeId);
    const merged = this.concepts.get(mergeId);
    this.concepts.delete(mergeId);
    if (merged) this.idByName.delete(merged.normalizedName);
  }

  loadGraph(): TenantGraphData {
    return { concepts: [...this.concepts.values()].map(copy), relationships: this.snapshot().relationships };
  }

  writeMetrics(metrics: readonly ConceptMetrics[]): void {
    for (const { id, importance, community } of metrics) {
      const concept = this.concepts.get(id);
      if (concept) this.concepts.set(id, { ...concept, importance, community });
    }
  }

  /** Breadth-first, so the cycle a client is shown is a shortest one. */
  prerequisitePath(fromId: ConceptId, toId: ConceptId): ConceptId[] | null {
    const next = this.adjacency(this.outgoing, "PREREQUISITE");
    const cameFrom = new Map<ConceptId, ConceptId | null>([[fromId, null]]);
    for (let frontier = [fromId]; frontier.length > 0; ) {
      const following: ConceptId[] = [];
      for (const id of frontier) {
        for (const target of next.get(id)?.keys() ?? []) {
          if (cameFrom.has(target)) continue;
          cameFrom.set(target, id);
          if (target === toId) return this.unwind(cameFrom, toId);
          following.push(target);
        }
      }
      frontier = following;
    }
    return null;
  }

  prerequisitesOf(id: ConceptId): Concept[] {
    return this.conceptsAt(this.adjacency(this.incoming, "PREREQUISITE").get(id));
  }

  mention({ documentId, conceptId, weight }: DocumentMention): void {
    link(this.conceptsByDocument, documentId, conceptId, weight);
    link(this.documentsByConcept, conceptId, documentId, weight);
  }

  unlinkDocument(documentId: DocumentId, conceptIds?: readonly ConceptId[]): ConceptId[] {
    const removed = [...(conceptIds ?? this.conceptsByDocument.get(documentId)?.keys() ?? [])].filter((conceptId) =>
      unlink(this.conceptsByDocument, documentId, conceptId),
    );
    for (const conceptId of removed) unlink(this.documentsByConcept, conceptId, documentId);
    return removed;
  }

  conceptsOf(documentId: DocumentId): Concept[] {
    return this.conceptsAt(this.conceptsByDocument.get(documentId));
  }

  documentsOf(conceptId: ConceptId): DocumentId[] {
    return [...(this.documentsByConcept.get(conceptId)?.keys() ?? [])];
  }

  /** Every edge once, read lazily (writes between reads may or may not be seen). */
  *relationships(): Generator<Relationship> {
    for (const [type, adjacency] of this.outgoing) {
      for (const [fromId, targets] of adjacency) {
        for (const [toId, weight] of targets) yield { fromId, toId, type, weight };
      }
    }
  }

  snapshot(): TenantSnapshot {
    const relationships = [...this.relationships()];
    const mentions: DocumentMention[] = [];
    for (const [documentId, concepts] of this.conceptsByDocument) {
      for (const [conceptId, weight] of concepts) mentions.push({ documentId, conceptId, weight });
    }
    return { concepts: [...this.concepts.values()], relationships, mentions };
  }

  static restore(snapshot: TenantSnapshot): TenantGraph {
    const graph = new TenantGraph();
    for (const concept of snapshot.concepts) graph.put(withMetricDefaults(concept));
    for (const relationship of snapshot.relationships) graph.relate(relationship);
    for (const mention of snapshot.mentions) graph.mention(mention);
    return graph;
  }

  private put(concept: Concept): void {
    this.concepts.set(concept.id, concept);
    this.idByName.set(concept.normalizedName, concept.id);
  }

  private adjacency(index: Map<RelationshipType, Adjacency>, type: RelationshipType): Adjacency {
    let adjacency = index.get(type);
    if (!adjacency) index.set(type, (adjacency = new Map()));
    return adjacency;
  }

  private conceptsAt(ids: Map<ConceptId, number> | undefined): Concept[] {
    const found = [...(ids?.keys() ?? [])].map((id) => this.concepts.get(id)).filter((c): c is Concept => !!c);
    return found.sort(byName).map(copy);
  }

  private unwind(cameFrom: Map<ConceptId, ConceptId | null>, last: ConceptId): ConceptId[] {
    const path: ConceptId[] = [];
    for (let id: ConceptId | null | undefined = last; id; id = cameFrom.get(id)) path.unshift(id);
    return path;
  }
}
