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
  Relationship,
} from "../domain/concept";
import type { GraphStore } from "../domain/graph-store";
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
    await this.write(() => relateRequest(tenantId, relationship));
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

  async checkHealth(): Promise<void> {
    await this.client.anyClient().checkVersion(new dgraph.Check(), undefined, this.callOptions());
  }

  async close(): Promise<void> {
    this.client.close();
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
