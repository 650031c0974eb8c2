import { badInput, notFound } from "@aiwf/platform";
import { CONCEPT_ORDERS, type Concept, type ConceptId, type ConceptOrder, type ConceptPage, type DocumentId, type RelationshipType } from "./concept";
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
import { planLearningPath } from "./learning-path";
import { LearningGraphs } from "./learning-graphs";
import { parseNeighborhood, walkNeighborhood } from "./neighborhood";
import { SerialQueue } from "./serial-queue";

export interface ConceptListRequest {
  first: number;
  search?: string | null;
  orderBy?: ConceptOrder | null;
  /** NAME order: normalized name to continue after. */
  after?: string;
  /** IMPORTANCE order: concepts to skip. */
  offset?: number;
}

export interface LearningPath {
  reachable: boolean;
  concepts: Concept[];
  totalCost: number | null;
}

export interface Neighborhood {
  nodes: Array<{ concept: Concept; depth: number }>;
  edges: RelatedConcepts[];
  truncated: boolean;
}

export interface ConceptServiceOptions {
  /** Told after every change of a tenant's graph (the metrics service recomputes, debounced). */
  onChange?: (tenantId: string) => void;
  /** In-memory graphs for learning paths; share one with DocumentConceptsService so its writes apply in place too. */
  learningGraphs?: LearningGraphs;
}

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
  private readonly graphs: LearningGraphs;

  constructor(
    private readonly store: GraphStore,
    private readonly options: ConceptServiceOptions = {},
  ) {
    this.graphs = options.learningGraphs ?? new LearningGraphs(store);
  }

  async upsertConcept(tenantId: string, request: UpsertConceptRequest): Promise<Concept> {
    const concept = await this.store.upsertConcept(tenantId, parseConceptDraft(request));
    this.changed(tenantId);
    return concept;
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

  /** A page of concepts, optionally only those whose name contains `search`. */
  findConcepts(tenantId: string, request: ConceptListRequest): Promise<ConceptPage> {
    const page = parsePageRequest(request.first, request.after);
    const orderBy = request.orderBy ?? "NAME";
    if (!CONCEPT_ORDERS.includes(orderBy)) throw badInput("orderBy", `orderBy must be one of ${CONCEPT_ORDERS.join(", ")}`);
    const search = request.search === null || request.search === undefined ? undefined : normalizeConceptName(request.search);
    if (search !== undefined && (search.length < 1 || search.length > 200)) throw badInput("search", "search must be 1 to 200 characters long");
    return this.store.listConcepts(tenantId, { ...page, orderBy, ...(search === undefined ? {} : { search }), ...(orderBy === "IMPORTANCE" ? { offset: request.offset ?? 0 } : {}) });
  }

  async relate(tenantId: string, request: RelateConceptsRequest): Promise<RelatedConcepts> {
    const relationship = parseRelationship(request);
    const write = async () => {
      const [from, to] = await this.requireConcepts(tenantId, [relationship.fromId, relationship.toId]);
      if (relationship.type === "PREREQUISITE") await this.refuseCycle(tenantId, from, to);
      await this.store.relate(tenantId, relationship);
      await this.graphs.wrote(tenantId, [{ kind: "relate", relationship }]);
      this.changed(tenantId);
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

  /** Removes the edge; false when there was none (removing twice is harmless). */
  async removeRelationship(tenantId: string, request: { from: string; to: string; type: string }): Promise<boolean> {
    const { fromId, toId, type } = parseRelationship({ ...request, weight: 1 });
    const removed = await this.store.removeRelationship(tenantId, { fromId, toId, type });
    if (removed) {
      await this.graphs.wrote(tenantId, [{ kind: "remove", key: { fromId, toId, type } }]);
      this.changed(tenantId);
    }
    return removed;
  }

  /**
   * Folds `mergeId` into `keepId` (see GraphStore.mergeConcepts); returns the kept concept.
   * Refused when the merged concept sits on a prerequisite chain with the kept one of two
   * or more steps: the merge would make the concept its own prerequisite.
   */
  async mergeConcepts(tenantId: string, keepId: string, mergeId: string): Promise<Concept> {
    if (keepId.trim() === "") throw badInput("keepId", "An id must not be empty");
    if (mergeId.trim() === "") throw badInput("mergeId", "An id must not be empty");
    if (keepId === mergeId) throw badInput("mergeId", "A concept cannot be merged into itself", { reason: "SELF_MERGE" });
    return this.prerequisiteWrites.run(tenantId, async () => {
      const [keep, merge] = await this.requireConcepts(tenantId, [keepId, mergeId]);
      for (const [start, goal] of [[keep, merge], [merge, keep]] as const) {
        const path = await this.indirectPrerequisitePath(tenantId, start.id, goal.id);
        if (path) {
          const onPath = await this.store.getConcepts(tenantId, path);
          throw badInput("mergeId", `Merging would make a prerequisite cycle: ${path.map((id) => onPath.get(id)?.name ?? id).join(" -> ")}`, { reason: "CYCLE", cycle: path });
        }
      }
      await this.store.mergeConcepts(tenantId, keep.id, merge.id);
      await this.graphs.wrote(tenantId, [{ kind: "merge", keepId: keep.id, mergeId: merge.id }]);
      this.changed(tenantId);
      const [kept] = await this.requireConcepts(tenantId, [keep.id]);
      return kept;
    });
  }

  /** Planned on the tenant's in-memory graph (see LearningGraphs), loaded on first use. */
  async learningPath(tenantId: string, fromId: string, toId: string): Promise<LearningPath> {
    await this.requireConcepts(tenantId, [fromId, toId]);
    const plan = await planLearningPath(await this.graphs.current(tenantId), fromId, toId);
    const found = await this.store.getConcepts(tenantId, plan.conceptIds);
    return { reachable: plan.reachable, totalCost: plan.totalCost, concepts: plan.conceptIds.flatMap((id) => found.get(id) ?? []) };
  }

  async neighborhood(tenantId: string, id: string, depth: number, types?: readonly string[] | null): Promise<Neighborhood> {
    const parsed = parseNeighborhood(depth, types);
    await this.requireConcepts(tenantId, [id]);
    const plan = await walkNeighborhood(this.store, tenantId, id, parsed.depth, parsed.types);
    const found = await this.store.getConcepts(tenantId, plan.nodes.map((node) => node.id));
    const edges = plan.edges.flatMap((edge) => {
      const [from, to] = [found.get(edge.fromId), found.get(edge.toId)];
      return from && to ? [{ from, to, type: edge.type, weight: edge.weight }] : [];
    });
    return { nodes: plan.nodes.flatMap((node) => (found.has(node.id) ? [{ concept: found.get(node.id)!, depth: node.depth }] : [])), edges, truncated: plan.truncated };
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

  private changed(tenantId: string): void {
    this.options.onChange?.(tenantId);
  }

  /** A prerequisite chain start -> ... -> goal of two or more steps (the direct edge ignored). */
  private async indirectPrerequisitePath(tenantId: string, startId: ConceptId, goalId: ConceptId): Promise<ConceptId[] | null> {
    const cameFrom = new Map<ConceptId, ConceptId>();
    for (let frontier = [startId]; frontier.length > 0; ) {
      const next: ConceptId[] = [];
      for (const edge of await this.store.edgesOf(tenantId, frontier, "out", ["PREREQUISITE"])) {
        if (edge.fromId === startId && edge.toId === goalId) continue;
        if (cameFrom.has(edge.toId) || edge.toId === startId) continue;
        cameFrom.set(edge.toId, edge.fromId);
        if (edge.toId === goalId) {
          const path = [goalId];
          while (path[0] !== startId) path.unshift(cameFrom.get(path[0]!)!);
          return path;
        }
        next.push(edge.toId);
      }
      frontier = next;
    }
    return null;
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
