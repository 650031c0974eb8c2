import { randomUUID } from "node:crypto";
import { join } from "node:path";
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
import { SnapshotFile } from "./snapshot-file";
import { TenantGraph, type TenantSnapshot } from "./tenant-graph";

const SNAPSHOT_VERSION = 1;
/** Relationships per batch of relationshipBatches. */
const RELATIONSHIP_BATCH = 10_000;

interface Snapshot {
  version: number;
  tenants: Record<string, TenantSnapshot>;
}

export interface EmbeddedGraphStoreOptions {
  /** Folder for the snapshot; without one the graph lives in memory only. */
  dataDir?: string;
  /** How long writes are gathered before the snapshot is rewritten. */
  debounceMs?: number;
}

/**
 * The graph store for embedded mode and development: a real, in-process implementation
 * of GraphStore (no server to install), persisted as one JSON snapshot. It passes the
 * same contract suite as the Dgraph store. Fits graphs that fit in memory comfortably.
 */
export class EmbeddedGraphStore implements GraphStore {
  /** Per tenant; not persisted: a restarted process has no cached graphs to invalidate. */
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly tenants: Map<string, TenantGraph>,
    private readonly file: SnapshotFile | undefined,
  ) {}

  static async open(options: EmbeddedGraphStoreOptions = {}): Promise<EmbeddedGraphStore> {
    if (!options.dataDir) return new EmbeddedGraphStore(new Map(), undefined);
    const file = new SnapshotFile(join(options.dataDir, "graph.json"), options.debounceMs);
    return new EmbeddedGraphStore(restore(await file.load(), file.path), file);
  }

  async upsertConcept(tenantId: string, draft: ConceptDraft): Promise<Concept> {
    return this.changing(this.tenant(tenantId).upsert(draft, randomUUID));
  }

  async getConcepts(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept>> {
    const graph = this.tenants.get(tenantId);
    const found = new Map<ConceptId, Concept>();
    for (const id of ids) {
      const concept = graph?.get(id);
      if (concept) found.set(id, concept);
    }
    return found;
  }

  async findConceptByName(tenantId: string, normalizedName: string): Promise<Concept | null> {
    return this.tenants.get(tenantId)?.findByName(normalizedName) ?? null;
  }

  async listConcepts(tenantId: string, page: ConceptPageRequest): Promise<ConceptPage> {
    return this.tenants.get(tenantId)?.page(page) ?? { concepts: [], hasNextPage: false, totalCount: 0 };
  }

  async relate(tenantId: string, relationship: Relationship): Promise<void> {
    this.changing(this.tenant(tenantId).relate(relationship));
    this.bumpVersion(tenantId);
  }

  async removeRelationship(tenantId: string, key: RelationshipKey): Promise<boolean> {
    const removed = this.changing(this.tenants.get(tenantId)?.removeRelationship(key) ?? false);
    if (removed) this.bumpVersion(tenantId);
    return removed;
  }

  async edgesOf(tenantId: string, ids: readonly ConceptId[], direction: EdgeDirection, types?: readonly RelationshipType[]): Promise<Relationship[]> {
    return this.tenants.get(tenantId)?.edgesOf(ids, direction, types) ?? [];
  }

  async mergeConcepts(tenantId: string, keepId: ConceptId, mergeId: ConceptId): Promise<void> {
    this.changing(this.tenants.get(tenantId)?.merge(keepId, mergeId));
    this.bumpVersion(tenantId);
  }

  async findPrerequisitePath(tenantId: string, fromId: ConceptId, toId: ConceptId): Promise<ConceptId[] | null> {
    return this.tenants.get(tenantId)?.prerequisitePath(fromId, toId) ?? null;
  }

  async prerequisitesOf(tenantId: string, ids: readonly ConceptId[]): Promise<Map<ConceptId, Concept[]>> {
    return this.eachOf(ids, (id) => this.tenants.get(tenantId)?.prerequisitesOf(id) ?? []);
  }

  async linkDocument(tenantId: string, mention: DocumentMention): Promise<void> {
    this.changing(this.tenant(tenantId).mention(mention));
  }

  async unlinkDocument(tenantId: string, documentId: DocumentId, conceptIds?: readonly ConceptId[]): Promise<ConceptId[]> {
    return this.changing(this.tenants.get(tenantId)?.unlinkDocument(documentId, conceptIds) ?? []);
  }

  async conceptsOfDocuments(tenantId: string, documentIds: readonly DocumentId[]): Promise<Map<DocumentId, Concept[]>> {
    return this.eachOf(documentIds, (id) => this.tenants.get(tenantId)?.conceptsOf(id) ?? []);
  }

  async documentsOfConcepts(tenantId: string, conceptIds: readonly ConceptId[]): Promise<Map<ConceptId, DocumentId[]>> {
    return this.eachOf(conceptIds, (id) => this.tenants.get(tenantId)?.documentsOf(id) ?? []);
  }

  async loadGraph(tenantId: string): Promise<TenantGraphData> {
    return this.tenants.get(tenantId)?.loadGraph() ?? { concepts: [], relationships: [] };
  }

  async *relationshipBatches(tenantId: string): AsyncIterable<Relationship[]> {
    let batch: Relationship[] = [];
    for (const relationship of this.tenants.get(tenantId)?.relationships() ?? []) {
      batch.push(relationship);
      if (batch.length < RELATIONSHIP_BATCH) continue;
      yield batch;
      batch = [];
    }
    if (batch.length > 0) yield batch;
  }

  async graphVersion(tenantId: string): Promise<number> {
    return this.versions.get(tenantId) ?? 0;
  }

  async writeMetrics(tenantId: string, metrics: readonly ConceptMetrics[]): Promise<void> {
    this.changing(this.tenants.get(tenantId)?.writeMetrics(metrics));
  }

  async checkHealth(): Promise<void> {}

  async close(): Promise<void> {
    await this.file?.flush();
  }

  private tenant(tenantId: string): TenantGraph {
    let graph = this.tenants.get(tenantId);
    if (!graph) this.tenants.set(tenantId, (graph = new TenantGraph()));
    return graph;
  }

  private bumpVersion(tenantId: string): void {
    this.versions.set(tenantId, (this.versions.get(tenantId) ?? 0) + 1);
  }

  /** Every change schedules a snapshot; the debounce folds bursts into one write. */
  private changing<T>(result: T): T {
    this.file?.schedule(() => this.snapshot());
    return result;
  }

  private snapshot(): Snapshot {
    const tenants: Record<string, TenantSnapshot> = {};
    for (const [tenantId, graph] of this.tenants) tenants[tenantId] = graph.snapshot();
    return { version: SNAPSHOT_VERSION, tenants };
  }

  private eachOf<K, V>(keys: readonly K[], valueOf: (key: K) => V): Map<K, V> {
    return new Map(keys.map((key) => [key, valueOf(key)]));
  }
}

/** Refuses a snapshot it does not understand rather than start empty and overwrite it. */
function restore(data: unknown, path: string): Map<string, TenantGraph> {
  const tenants = new Map<string, TenantGraph>();
  if (data === undefined) return tenants;
  const snapshot = data as Partial<Snapshot>;
  if (snapshot.version !== SNAPSHOT_VERSION || typeof snapshot.tenants !== "object" || snapshot.tenants === null) {
    throw new Error(`${path} is not a version ${SNAPSHOT_VERSION} knowledge-graph snapshot; move it away to start afresh`);
  }
  for (const [tenantId, tenant] of Object.entries(snapshot.tenants)) tenants.set(tenantId, TenantGraph.restore(tenant));
  return tenants;
}
