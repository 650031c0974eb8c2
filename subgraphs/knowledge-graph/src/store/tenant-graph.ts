import type {
  Concept,
  ConceptDraft,
  ConceptId,
  ConceptPage,
  ConceptPageRequest,
  DocumentId,
  DocumentMention,
  Relationship,
  RelationshipType,
} from "../domain/concept";

/** One tenant's graph as the snapshot file stores it. */
export interface TenantSnapshot {
  concepts: Concept[];
  relationships: Relationship[];
  mentions: DocumentMention[];
}

type Adjacency = Map<string, Map<string, number>>;

function link(adjacency: Adjacency, from: string, to: string, weight: number): void {
  let targets = adjacency.get(from);
  if (!targets) adjacency.set(from, (targets = new Map()));
  targets.set(to, weight);
}

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
  page({ first, after }: ConceptPageRequest): ConceptPage {
    const sorted = [...this.concepts.values()].sort(byName);
    const rest = after === undefined ? sorted : sorted.filter((concept) => concept.normalizedName > after);
    return { concepts: rest.slice(0, first).map(copy), hasNextPage: rest.length > first, totalCount: sorted.length };
  }

  relate({ fromId, toId, type, weight }: Relationship): void {
    link(this.adjacency(this.outgoing, type), fromId, toId, weight);
    link(this.adjacency(this.incoming, type), toId, fromId, weight);
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

  conceptsOf(documentId: DocumentId): Concept[] {
    return this.conceptsAt(this.conceptsByDocument.get(documentId));
  }

  documentsOf(conceptId: ConceptId): DocumentId[] {
    return [...(this.documentsByConcept.get(conceptId)?.keys() ?? [])];
  }

  snapshot(): TenantSnapshot {
    const relationships: Relationship[] = [];
    for (const [type, adjacency] of this.outgoing) {
      for (const [fromId, targets] of adjacency) {
        for (const [toId, weight] of targets) relationships.push({ fromId, toId, type, weight });
      }
    }
    const mentions: DocumentMention[] = [];
    for (const [documentId, concepts] of this.conceptsByDocument) {
      for (const [conceptId, weight] of concepts) mentions.push({ documentId, conceptId, weight });
    }
    return { concepts: [...this.concepts.values()], relationships, mentions };
  }

  static restore(snapshot: TenantSnapshot): TenantGraph {
    const graph = new TenantGraph();
    for (const concept of snapshot.concepts) graph.put(concept);
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
