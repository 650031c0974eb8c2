/** One chunk that matched a search. */
export interface ChunkHit {
  documentId: string;
  ordinal: number;
  text: string;
  headingPath: string[];
  /** Higher is better; its scale depends on the search (cosine similarity, ts_rank_cd, RRF). */
  score: number;
  /** Fragments of the chunk with the query's words marked `<b>...</b>` (ts_headline). */
  highlights: string[];
}

export interface SimilarDocument {
  documentId: string;
  /** Cosine similarity of the documents' mean chunk embeddings, -1..1. */
  score: number;
}

/** Search over the tenant's chunks. Nothing ever matches across tenants. */
export interface SearchIndex {
  /** Nearest chunks to `embedding` by cosine distance (HNSW); `query` only marks highlights. */
  semantic(tenantId: string, embedding: number[], query: string, limit: number): Promise<ChunkHit[]>;
  /** Chunks matching `query` (websearch syntax) by Postgres full-text search, best ts_rank_cd first. */
  keyword(tenantId: string, query: string, limit: number): Promise<ChunkHit[]>;
  /** The tenant's other documents nearest to this one; empty when it has no chunks. */
  similar(tenantId: string, documentId: string, limit: number): Promise<SimilarDocument[]>;
}
