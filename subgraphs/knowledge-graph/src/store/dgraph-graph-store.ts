import { upstreamUnavailable } from "@aiwf/platform";
import * as dgraph from "dgraph-js";
import { randomUUID } from "node:crypto";
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
import type { EdgeDirection, GraphStore } from "../domain/graph-store";
import { planMerge } from "../domain/merge-plan";
import { edgesOfNodes, edgesOfQuery, graphPageQuery, mentionsOfConceptQuery, mentionsOfNode, relationshipPageQuery, type EdgeNode } from "./dgraph-graph-queries";
import { graphVersionQuery, versionOf, withVersionBump } from "./dgraph-graph-version";
import { conceptUidsQuery, deleteConceptRequest, metricsMutation, removeRelationshipRequest, unlinkDocumentRequest } from "./dgraph-graph-writes";
import * as queries from "./dgraph-queries";
import { groupBy, prerequisitePathOf, toConcept, type ConceptNode, type PathResult } from "./dgraph-results";
import { DEFAULT_RETRY, isUnreachable, retryAborted, type RetryPolicy } from "./dgraph-retry";
import { DGRAPH_SCHEMA, P } from "./dgraph-schema";
import { linkDocumentRequest, relateRequest, upsertConceptRequest } from "./dgraph-upserts";

export interface DgraphGraphStoreOptions {
  /** Deadline of every gRPC call, so a stalled Dgraph fails a request instead of hanging it. */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

type Concepts = { concepts?: ConceptNode[] };

/** Concepts per page when loading a whole tenant graph, and per metrics write. */
const GRAPH_PAGE = 10_000;
const METRICS_BATCH = 1_000;

/** GraphStore on Dgraph through dgraph-js; the layout is described in dgraph-schema.ts. */
export class DgraphGraphStore implements GraphStore {
  private constructor(
    private readonly client: dgraph.DgraphClient,
    private readonly timeoutMs: number,
    private readonly retry: RetryPolicy,
  ) {}

  /** Connects (`dgraph://host:9080`) and applies the schema, which is idempotent. */
  static async connect(url: string, options: DgraphGraphStoreOptions = {}): Promise<DgraphGraphStore> {
    const client = await dgraph.open(url);
    const store = new DgraphGraphStore(client, options.timeoutMs ?? 10_000, options.retry ?? DEFAULT_RETRY);
    try {
      const operation = new dgraph.Operation();
      operation.setSchema(DGRAPH_SCHEMA);
      // Metadata must be undefined, not null: dgraph-js's typings allow null, gRPC refuses it.
      await retryAborted(() => client.alter(operation, undefined, store.callOptions()), store.retry);
      return store;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  async upsertConcept(tenantId: string, draft: ConceptDraft): Promise<Concept> {
    await this.write(() => upsertConceptRequest(tenantId, draft, randomUUID()));
    const stored = await this.findConceptByName(tenantId, draft.normalizedName);
    if (!stored) throw new Error(`Concept "${draft.name}" was upserted but cannot be read back`);
    return stored;
  }

  async getConcepts(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept>> {
    if (ids.length === 0) return new Map();
    const { concepts } = await this.read<Concepts>(queries.conceptsByIdQuery(tenantId, ids));
    return new Map((concepts ?? []).map((node) => [node[P.id], toConcept(node)]));
  }

  async findConceptByName(tenantId: string, normalizedName: string): Promise<Concept | null> {
    const { concepts } = await this.read<Concepts>(queries.conceptByNameQuery(tenantId, normalizedName));
    return concepts?.[0] ? toConcept(concepts[0]) : null;
  }

  async listConcepts(tenantId: string, page: ConceptPageRequest): Promise<ConceptPage> {
    const result = await this.read<{ page?: ConceptNode[]; total?: Array<{ count: number }> }>(queries.conceptPageQuery(tenantId, page));
    const nodes = result.page ?? [];
    return {
      concepts: nodes.slice(0, page.first).map(toConcept),
      hasNextPage: nodes.length > page.first,
      totalCount: result.total?.[0]?.count ?? 0,
    };
  }

  async relate(tenantId: string, relationship: Relationship): Promise<void> {
    await this.write(() => withVersionBump(relateRequest(tenantId, relationship), tenantId));
  }

  async removeRelationship(tenantId: string, key: RelationshipKey): Promise<boolean> {
    const existing = await this.edgesOf(tenantId, [key.fromId], "out", [key.type]);
    if (!existing.some((edge) => edge.toId === key.toId)) return false;
    await this.write(() => withVersionBump(removeRelationshipRequest(tenantId, key), tenantId));
    return true;
  }

  async edgesOf(tenantId: string, ids: readonly ConceptId[], direction: EdgeDirection, types?: readonly RelationshipType[]): Promise<Relationship[]> {
    if (ids.length === 0) return [];
    const { concepts } = await this.read<{ concepts?: EdgeNode[] }>(edgesOfQuery(tenantId, ids, direction, types));
    return edgesOfNodes(concepts);
  }

  /**
   * Several transactions (copy the edges and mentions, then delete the merged concept):
   * Dgraph cannot re-point edges in one upsert. Every step is idempotent, so a merge cut
   * short is completed by running it again.
   */
  async mergeConcepts(tenantId: string, keepId: ConceptId, mergeId: ConceptId): Promise<void> {
    const [mergedEdges, keptEdges, mergedMentions, keptMentions] = await Promise.all([
      this.edgesOf(tenantId, [mergeId], "both"),
      this.edgesOf(tenantId, [keepId], "both"),
      this.mentionsOf(tenantId, mergeId),
      this.mentionsOf(tenantId, keepId),
    ]);
    const plan = planMerge(keepId, mergeId, { edges: mergedEdges, mentions: mergedMentions }, { edges: keptEdges, mentions: keptMentions });
    for (const relationship of plan.relationships) await this.relate(tenantId, relationship);
    for (const mention of plan.mentions) await this.linkDocument(tenantId, mention);
    await this.write(() => withVersionBump(deleteConceptRequest(tenantId, mergeId), tenantId));
  }

  async findPrerequisitePath(tenantId: string, fromId: ConceptId, toId: ConceptId): Promise<ConceptId[] | null> {
    return prerequisitePathOf(await this.read<PathResult>(queries.prerequisitePathQuery(tenantId, fromId, toId)));
  }

  async prerequisitesOf(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept[]>> {
    if (ids.length === 0) return new Map();
    type Result = { concepts?: Array<ConceptNode & { prerequisites?: ConceptNode[] }> };
    const { concepts } = await this.read<Result>(queries.prerequisitesQuery(tenantId, ids));
    return groupBy(concepts, (node) => node[P.id], (node) => node.prerequisites, toConcept);
  }

  async linkDocument(tenantId: string, mention: DocumentMention): Promise<void> {
    await this.write(() => linkDocumentRequest(tenantId, mention));
  }

  async unlinkDocument(tenantId: string, documentId: DocumentId, conceptIds?: readonly ConceptId[]): Promise<ConceptId[]> {
    const [linked = []] = (await this.conceptsOfDocuments(tenantId, [documentId])).values();
    const wanted = conceptIds ? new Set(conceptIds) : undefined;
    const removed = linked.map((concept) => concept.id).filter((id) => !wanted || wanted.has(id));
    if (removed.length > 0) await this.write(() => unlinkDocumentRequest(tenantId, documentId, removed));
    return removed;
  }

  async conceptsOfDocuments(tenantId: string, documentIds: readonly DocumentId[]): Promise<Map<DocumentId, Concept[]>> {
    if (documentIds.length === 0) return new Map();
    type Result = { documents?: Array<{ [P.documentId]: string; concepts?: ConceptNode[] }> };
    const { documents } = await this.read<Result>(queries.conceptsOfDocumentsQuery(tenantId, documentIds));
    return groupBy(documents, (node) => node[P.documentId], (node) => node.concepts, toConcept);
  }

  async documentsOfConcepts(tenantId: string, conceptIds: readonly ConceptId[]): Promise<Map<ConceptId, DocumentId[]>> {
    if (conceptIds.length === 0) return new Map();
    type Result = { concepts?: Array<{ [P.id]: string; documents?: Array<{ [P.documentId]: string }> }> };
    const { concepts } = await this.read<Result>(queries.documentsOfConceptsQuery(tenantId, conceptIds));
    return groupBy(concepts, (node) => node[P.id], (node) => node.documents, (document) => document[P.documentId]);
  }

  async loadGraph(tenantId: string): Promise<TenantGraphData> {
    const graph: TenantGraphData = { concepts: [], relationships: [] };
    for (let offset = 0; ; offset += GRAPH_PAGE) {
      const { concepts = [] } = await this.read<{ concepts?: Array<ConceptNode & EdgeNode> }>(graphPageQuery(tenantId, offset, GRAPH_PAGE));
      for (const node of concepts) graph.concepts.push(toConcept(node));
      for (const edge of edgesOfNodes(concepts)) graph.relationships.push(edge);
      if (concepts.length < GRAPH_PAGE) return graph;
    }
  }

  /** Page by page (uid order); a write between pages may or may not be seen, and bumps graphVersion. */
  async *relationshipBatches(tenantId: string): AsyncIterable<Relationship[]> {
    for (let offset = 0; ; offset += GRAPH_PAGE) {
      const { concepts = [] } = await this.read<{ concepts?: EdgeNode[] }>(relationshipPageQuery(tenantId, offset, GRAPH_PAGE));
      const edges = edgesOfNodes(concepts);
      if (edges.length > 0) yield edges;
      if (concepts.length < GRAPH_PAGE) return;
    }
  }

  async graphVersion(tenantId: string): Promise<number> {
    return versionOf(await this.read(graphVersionQuery(tenantId)));
  }

  /** In batches, each one transaction that reads the uids and sets the values by uid. */
  async writeMetrics(tenantId: string, metrics: readonly ConceptMetrics[]): Promise<void> {
    for (let start = 0; start < metrics.length; start += METRICS_BATCH) {
      const batch = metrics.slice(start, start + METRICS_BATCH);
      await retryAborted(async () => {
        const txn = this.client.newTxn();
        try {
          const query = conceptUidsQuery(tenantId, batch.map((metric) => metric.id));
          const response = await txn.queryWithVars(query.text, query.vars, undefined, this.callOptions());
          const found = (response.getJson() as { concepts?: Array<{ uid: string; [P.id]: string }> }).concepts ?? [];
          const uidById = new Map(found.map((node) => [node[P.id], node.uid]));
          if (uidById.size > 0) await txn.mutate(metricsMutation(uidById, batch), undefined, this.callOptions());
        } finally {
          await txn.discard();
        }
      }, this.retry);
    }
  }

  async checkHealth(): Promise<void> {
    await this.client.anyClient().checkVersion(new dgraph.Check(), undefined, this.callOptions());
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private async mentionsOf(tenantId: string, conceptId: ConceptId): Promise<DocumentMention[]> {
    const { concepts } = await this.read<{ concepts?: Array<{ documents?: Array<Record<string, unknown>> }> }>(mentionsOfConceptQuery(tenantId, conceptId));
    return mentionsOfNode(concepts?.[0], conceptId);
  }

  private callOptions(): dgraph.grpc.CallOptions {
    return { deadline: Date.now() + this.timeoutMs };
  }

  private async read<T>(query: queries.DqlQuery): Promise<T> {
    const txn = this.client.newTxn({ readOnly: true });
    try {
      const response = await txn.queryWithVars(query.text, query.vars, undefined, this.callOptions());
      return response.getJson() as T;
    } catch (error) {
      throw isUnreachable(error) ? upstreamUnavailable("Dgraph", error) : error;
    } finally {
      await txn.discard();
    }
  }

  /** One upsert block per attempt, each in a fresh transaction (an aborted one is spent). */
  private write(buildRequest: () => dgraph.Request): Promise<void> {
    return retryAborted(async () => {
      const txn = this.client.newTxn();
      try {
        await txn.doRequest(buildRequest(), undefined, this.callOptions());
      } finally {
        await txn.discard();
      }
    }, this.retry);
  }
}
