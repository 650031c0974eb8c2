import type { ConceptId, Relationship, RelationshipKey } from "./concept";
import type { GraphStore } from "./graph-store";
import { LearningGraph } from "./learning-graph";

/** A write to relationships this process made, which the store counted once in graphVersion. */
export type GraphChange =
  | { kind: "relate"; relationship: Relationship }
  | { kind: "remove"; key: RelationshipKey }
  | { kind: "merge"; keepId: ConceptId; mergeId: ConceptId };

export interface LearningGraphsOptions {
  /** Tenants whose graphs stay in memory at once; the least recently used is dropped first. */
  maxTenants?: number;
  /** Told after each full load, with how long it took (for logs and the bench). */
  onLoad?: (event: { tenantId: string; relationships: number; durationMs: number }) => void;
}

interface Cached {
  graph: LearningGraph;
  /** The store's graphVersion this graph reflects. */
  version: number;
}

/**
 * Each tenant's LearningGraph, loaded once from the store and kept current: this
 * process's own writes are applied in place, and any other writer is noticed through the
 * store's graphVersion, read once per request (a map lookup embedded, one small query on
 * Dgraph). The version is read before a load starts, so a write racing the load can only
 * make the graph look older than it is (one extra load later), never newer.
 */
export class LearningGraphs {
  private readonly cached = new Map<string, Cached>();
  private readonly loading = new Map<string, { version: number; done: Promise<Cached> }>();

  constructor(
    private readonly store: GraphStore,
    private readonly options: LearningGraphsOptions = {},
  ) {}

  /** The tenant's graph as the store has it now. */
  async current(tenantId: string): Promise<LearningGraph> {
    const version = await this.store.graphVersion(tenantId);
    const cached = this.cached.get(tenantId);
    if (cached && cached.version === version) {
      this.keep(tenantId, cached);
      return cached.graph;
    }
    return (await this.load(tenantId, version)).graph;
  }

  /**
   * After this process's own writes: when the version moved by exactly their number, no
   * one else wrote in between, and applying them in place makes the graph current. Anything
   * else (another writer, a failed read) drops the graph; the next request loads it afresh.
   * Applying a change the graph already holds is harmless: every change is idempotent.
   */
  async wrote(tenantId: string, changes: readonly GraphChange[]): Promise<void> {
    if (changes.length === 0 || !this.cached.has(tenantId)) return;
    let version: number;
    try {
      version = await this.store.graphVersion(tenantId);
    } catch {
      this.cached.delete(tenantId);
      return;
    }
    const cached = this.cached.get(tenantId);
    if (!cached) return;
    if (version !== cached.version + changes.length) {
      this.cached.delete(tenantId);
      return;
    }
    for (const change of changes) apply(cached.graph, change);
    cached.version = version;
  }

  /** Forgets every graph (tests, and a store being closed). */
  clear(): void {
    this.cached.clear();
  }

  /** One load per tenant and version at a time; concurrent requests share it. */
  private load(tenantId: string, version: number): Promise<Cached> {
    const running = this.loading.get(tenantId);
    if (running?.version === version) return running.done;
    const done = this.read(tenantId, version).finally(() => {
      if (this.loading.get(tenantId)?.done === done) this.loading.delete(tenantId);
    });
    this.loading.set(tenantId, { version, done });
    return done;
  }

  private async read(tenantId: string, version: number): Promise<Cached> {
    const started = performance.now();
    const graph = new LearningGraph();
    for await (const batch of this.store.relationshipBatches(tenantId)) for (const relationship of batch) graph.relate(relationship);
    const loaded = { graph, version };
    const cached = this.cached.get(tenantId);
    // A graph kept current by writes while this one loaded may be newer: keep that one.
    if (!cached || cached.version < version) this.keep(tenantId, loaded);
    this.options.onLoad?.({ tenantId, relationships: graph.relationshipCount, durationMs: performance.now() - started });
    return loaded;
  }

  /** Marks the tenant most recently used (Map order), dropping the least recent over the limit. */
  private keep(tenantId: string, cached: Cached): void {
    this.cached.delete(tenantId);
    this.cached.set(tenantId, cached);
    const limit = this.options.maxTenants ?? 8;
    for (const oldest of this.cached.keys()) {
      if (this.cached.size <= limit) break;
      this.cached.delete(oldest);
    }
  }
}

function apply(graph: LearningGraph, change: GraphChange): void {
  if (change.kind === "relate") graph.relate(change.relationship);
  else if (change.kind === "remove") graph.remove(change.key);
  else graph.merge(change.keepId, change.mergeId);
}
