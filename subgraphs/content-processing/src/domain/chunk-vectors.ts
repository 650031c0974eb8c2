import type { ChunkHit } from "./search-index";

/** A chunk by its place: its document and its position there. */
export interface ChunkKey {
  documentId: string;
  ordinal: number;
}

export interface ChunkEmbedding extends ChunkKey {
  embedding: Float32Array;
}

/** The documents whose chunks changed after a version, and the latest version. */
export interface ChunkChanges {
  documentIds: string[];
  version: number;
}

/**
 * A tenant's chunk embeddings as the store holds them, with the log of changes to them:
 * every transaction that writes or removes a document's chunks takes the tenant's next
 * version, and versions commit in order.
 */
export interface ChunkEmbeddingSource {
  /** Tenants whose chunks were ever written (to load at start). */
  tenants(): Promise<string[]>;
  /** The tenant's latest version; 0 when its chunks were never written. */
  version(tenantId: string): Promise<number>;
  /** What changed after `version`; undefined when the log no longer reaches back that far. */
  changesSince(tenantId: string, version: number): Promise<ChunkChanges | undefined>;
  /** The embedded chunks of the tenant's documents (all of them, or the ones named), a page at a time. */
  embeddings(tenantId: string, documentIds?: readonly string[]): AsyncIterable<ChunkEmbedding[]>;
  /**
   * Of the candidates that still exist, the `limit` nearest to `embedding` by exact cosine
   * distance, as hits with highlights of `query`; and the tenant's version, read in the same
   * snapshot, so the caller knows whether its candidates could have missed a newer chunk.
   */
  nearestAmong(tenantId: string, candidates: readonly ChunkKey[], embedding: number[], query: string, limit: number): Promise<{ hits: ChunkHit[]; version: number }>;
}

/**
 * An approximate nearest-neighbour index (cosine) of vectors under numeric keys, in this
 * process's memory: its calls are synchronous.
 */
export interface VectorIndex {
  add(keys: readonly number[], vectors: Float32Array): void;
  remove(keys: readonly number[]): void;
  /** Up to `count` keys, nearest first. */
  nearest(vector: Float32Array, count: number): number[];
  readonly size: number;
}

/**
 * One tenant's chunk embeddings in a VectorIndex, as of `version` of its change log: maps
 * chunks to the index's numeric keys, and replaces a document's chunks as a whole.
 */
export class TenantVectors {
  private readonly chunkOf = new Map<number, ChunkKey>();
  private readonly keysOf = new Map<string, number[]>();
  private nextKey = 1;

  constructor(
    private readonly index: VectorIndex,
    public version: number,
  ) {}

  get size(): number {
    return this.chunkOf.size;
  }

  add(chunks: readonly ChunkEmbedding[]): void {
    if (chunks.length === 0) return;
    const dimensions = chunks[0]!.embedding.length;
    const vectors = new Float32Array(chunks.length * dimensions);
    const keys = chunks.map((chunk, i) => {
      const key = this.nextKey++;
      vectors.set(chunk.embedding, i * dimensions);
      this.chunkOf.set(key, { documentId: chunk.documentId, ordinal: chunk.ordinal });
      const siblings = this.keysOf.get(chunk.documentId);
      if (siblings) siblings.push(key);
      else this.keysOf.set(chunk.documentId, [key]);
      return key;
    });
    this.index.add(keys, vectors);
  }

  removeDocuments(documentIds: Iterable<string>): void {
    const keys: number[] = [];
    for (const documentId of documentIds) {
      for (const key of this.keysOf.get(documentId) ?? []) {
        keys.push(key);
        this.chunkOf.delete(key);
      }
      this.keysOf.delete(documentId);
    }
    if (keys.length > 0) this.index.remove(keys);
  }

  nearest(embedding: Float32Array, count: number): ChunkKey[] {
    if (this.chunkOf.size === 0) return [];
    return this.index.nearest(embedding, count).flatMap((key) => this.chunkOf.get(key) ?? []);
  }
}
