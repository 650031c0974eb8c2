import type { Logger } from "@aiwf/platform";
import { type ChunkEmbedding, type ChunkEmbeddingSource, TenantVectors, type VectorIndex } from "./chunk-vectors";
import type { ChunkHit, SearchIndex, SimilarDocument } from "./search-index";

export interface InMemoryVectorSearchOptions {
  source: ChunkEmbeddingSource;
  /** The store's own search: keyword and similar always, semantic while a tenant's vectors load. */
  database: SearchIndex;
  createIndex: () => VectorIndex;
  /**
   * Chunks held in memory, all tenants together (default: no limit). Past it the least
   * recently searched tenants are let go; a tenant larger than the limit on its own is
   * searched in the database, and tried again after TOO_LARGE_RETRY_MS.
   */
  maxChunks?: number;
  logger?: Logger;
}

/**
 * Candidates the index proposes for each hit asked for (at least MIN_CANDIDATES); the store
 * re-ranks them by exact distance, which makes up for the index's 8-bit distances: over
 * 100,000 chunks of the local embedder, the index's own top 10 held 92% of the exact top 10,
 * the re-ranked top 10 of 20 candidates 96%, of 40 no more (at expansion 512).
 */
const CANDIDATES_PER_HIT = 2;
const MIN_CANDIDATES = 20;
/** Chunks added to the index between two turns of the event loop while a tenant loads. */
const ADD_SLICE = 128;
/** A catch-up that would reload more documents than this reloads the tenant in the background instead. */
const MAX_CATCH_UP_DOCUMENTS = 1000;

/** How long a tenant too large for `maxChunks` is left to the database before another try. */
const TOO_LARGE_RETRY_MS = 10 * 60_000;

type TenantState = { loading: Promise<void> } | { vectors: TenantVectors; catchingUp?: Promise<boolean> } | { tooLargeUntil: number };

/**
 * Semantic search from an in-memory approximate index per tenant, checked against the
 * store on every query. The index only proposes candidates: the store reads them, with
 * their exact distances, in the same snapshot as the tenant's chunk version. When that
 * version is newer than the index's (another transaction or instance wrote or removed
 * chunks), the index reloads the documents changed since and the query runs again, so a
 * search never misses a chunk committed before it started. While a tenant's vectors load,
 * and when the index cannot catch up, the store's own semantic search answers.
 */
export class InMemoryVectorSearch implements SearchIndex {
  /** In least recently searched order: a search moves its tenant to the end. */
  private readonly tenants = new Map<string, TenantState>();
  private closed = false;

  constructor(private readonly options: InMemoryVectorSearchOptions) {}

  async semantic(tenantId: string, embedding: number[], query: string, limit: number): Promise<ChunkHit[]> {
    const vectors = this.vectorsOf(tenantId);
    if (vectors) {
      const probe = Float32Array.from(embedding);
      // Twice at most: a query that catches up and still finds a newer version has met a busy writer.
      for (let attempt = 0; attempt < 2; attempt++) {
        // The version the candidates come from: another query's catch-up may move it on while this one waits.
        const asOf = vectors.version;
        const candidates = vectors.nearest(probe, Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_HIT));
        const { hits, version } = await this.options.source.nearestAmong(tenantId, candidates, embedding, query, limit);
        if (version <= asOf) return hits;
        if (!(await this.catchUp(tenantId, vectors))) break;
      }
    }
    return this.options.database.semantic(tenantId, embedding, query, limit);
  }

  keyword(tenantId: string, query: string, limit: number): Promise<ChunkHit[]> {
    return this.options.database.keyword(tenantId, query, limit);
  }

  similar(tenantId: string, documentId: string, limit: number): Promise<SimilarDocument[]> {
    return this.options.database.similar(tenantId, documentId, limit);
  }

  /** Loads every known tenant's vectors, one tenant after another (at start, in the background). */
  async warmUp(): Promise<void> {
    for (const tenantId of await this.options.source.tenants()) {
      if (this.closed) return;
      await this.whenLoaded(tenantId);
    }
  }

  /** Stops loading (before the store closes); searches from then on go to the database. */
  close(): void {
    this.closed = true;
  }

  /** Resolves when the tenant's vectors are in memory (starting the load if need be). */
  async whenLoaded(tenantId: string): Promise<void> {
    this.vectorsOf(tenantId);
    const state = this.tenants.get(tenantId);
    if (state && "loading" in state) await state.loading;
  }

  /** The tenant's vectors if loaded; otherwise starts loading them and answers undefined. */
  private vectorsOf(tenantId: string): TenantVectors | undefined {
    if (this.closed) return undefined;
    const state = this.tenants.get(tenantId);
    if (state && "vectors" in state) {
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, state);
      return state.vectors;
    }
    if (state && !("tooLargeUntil" in state && Date.now() >= state.tooLargeUntil)) return undefined;
    this.tenants.set(tenantId, { loading: this.load(tenantId) });
    return undefined;
  }

  private async load(tenantId: string): Promise<void> {
    const started = performance.now();
    try {
      // The version first: whatever commits during the load is at least as new, so a later catch-up repeats it at worst.
      const vectors = new TenantVectors(this.options.createIndex(), await this.options.source.version(tenantId));
      for await (const page of this.options.source.embeddings(tenantId)) {
        if (this.closed) return;
        if (vectors.size + page.length > this.maxChunks) return this.tooLarge(tenantId);
        for (let start = 0; start < page.length; start += ADD_SLICE) {
          vectors.add(page.slice(start, start + ADD_SLICE));
          // Each slice blocks this thread (about 20 ms for 128 chunks): let requests in between.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      this.tenants.set(tenantId, { vectors });
      this.letGoBeyondLimit(tenantId);
      this.options.logger?.info({ tenant: tenantId, chunks: vectors.size, version: vectors.version, ms: Math.round(performance.now() - started) }, "tenant vectors loaded");
    } catch (error) {
      // The next semantic search starts a new load; until then the store answers.
      this.tenants.delete(tenantId);
      // Closing mid-load fails the page being read: that is the stop, not a fault.
      if (!this.closed) this.options.logger?.error({ err: error, tenant: tenantId }, "loading the tenant's vectors failed");
    }
  }

  private get maxChunks(): number {
    return this.options.maxChunks ?? Number.POSITIVE_INFINITY;
  }

  /** Lets go of the least recently searched tenants (not `current`) until the chunks held fit the limit. */
  private letGoBeyondLimit(current: string): void {
    let held = 0;
    for (const state of this.tenants.values()) if ("vectors" in state) held += state.vectors.size;
    for (const [tenantId, state] of this.tenants) {
      if (held <= this.maxChunks) return;
      if (tenantId === current || !("vectors" in state)) continue;
      this.tenants.delete(tenantId);
      held -= state.vectors.size;
      this.options.logger?.info({ tenant: tenantId, chunks: state.vectors.size }, "tenant vectors let go (least recently searched)");
    }
    if (held > this.maxChunks) this.tooLarge(current);
  }

  private tooLarge(tenantId: string): void {
    this.tenants.set(tenantId, { tooLargeUntil: Date.now() + TOO_LARGE_RETRY_MS });
    this.options.logger?.warn({ tenant: tenantId, maxChunks: this.maxChunks }, "the tenant has more chunks than the in-memory limit: the database searches them");
  }

  /** Brings the vectors up to the log's latest version; false when they must be reloaded whole. */
  private catchUp(tenantId: string, vectors: TenantVectors): Promise<boolean> {
    const state = this.tenants.get(tenantId);
    if (!state || !("vectors" in state) || state.vectors !== vectors) return Promise.resolve(false);
    // Concurrent queries share one catch-up.
    state.catchingUp ??= this.reloadChanged(tenantId, vectors).finally(() => {
      state.catchingUp = undefined;
    });
    return state.catchingUp;
  }

  private async reloadChanged(tenantId: string, vectors: TenantVectors): Promise<boolean> {
    try {
      const changes = await this.options.source.changesSince(tenantId, vectors.version);
      if (!changes || changes.documentIds.length > MAX_CATCH_UP_DOCUMENTS) {
        this.tenants.set(tenantId, { loading: this.load(tenantId) });
        return false;
      }
      const chunks: ChunkEmbedding[] = [];
      for await (const page of this.options.source.embeddings(tenantId, changes.documentIds)) chunks.push(...page);
      vectors.removeDocuments(changes.documentIds);
      vectors.add(chunks);
      vectors.version = Math.max(vectors.version, changes.version);
      this.letGoBeyondLimit(tenantId);
      return true;
    } catch (error) {
      this.options.logger?.error({ err: error, tenant: tenantId }, "catching up with the tenant's chunk changes failed");
      return false;
    }
  }
}
