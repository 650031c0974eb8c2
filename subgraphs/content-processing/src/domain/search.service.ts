import { badInput, type Identity } from "@aiwf/platform";
import type { EmbeddingProvider } from "../embedding/embedding-provider";
import type { ChunkHit, SearchIndex, SimilarDocument } from "./search-index";

export const SearchMode = { SEMANTIC: "SEMANTIC", KEYWORD: "KEYWORD", HYBRID: "HYBRID" } as const;
export type SearchMode = (typeof SearchMode)[keyof typeof SearchMode];

export const MAX_SEARCH_RESULTS = 50;
export const MAX_QUERY_LENGTH = 1000;
/** Reciprocal rank fusion's constant: 60 is the value of the original paper (Cormack et al.). */
export const RRF_K = 60;
/** Each list hybrid fuses is this many times deeper than the results asked for. */
const HYBRID_DEPTH = 4;

/** Semantic, keyword and hybrid search over the caller's chunks; similar documents. */
export class SearchService {
  constructor(
    private readonly index: SearchIndex,
    private readonly embeddings: EmbeddingProvider,
  ) {}

  async search(identity: Identity, query: string, mode: SearchMode, first: number): Promise<ChunkHit[]> {
    const text = query.trim();
    if (text === "" || text.length > MAX_QUERY_LENGTH) throw badInput("query", `query must be 1 to ${MAX_QUERY_LENGTH} characters`);
    if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) throw badInput("first", `first must be between 1 and ${MAX_SEARCH_RESULTS}`);
    const tenantId = identity.tenantId;
    if (mode === SearchMode.KEYWORD) return this.index.keyword(tenantId, text, first);
    const [embedding] = await this.embeddings.embed([text]);
    if (mode === SearchMode.SEMANTIC) return this.index.semantic(tenantId, embedding!, text, first);
    const depth = first * HYBRID_DEPTH;
    const [semantic, keyword] = await Promise.all([this.index.semantic(tenantId, embedding!, text, depth), this.index.keyword(tenantId, text, depth)]);
    return fuse([keyword, semantic], first);
  }

  async similar(identity: Identity, documentId: string, first: number): Promise<SimilarDocument[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_SEARCH_RESULTS) throw badInput("first", `first must be between 0 and ${MAX_SEARCH_RESULTS}`);
    return first === 0 ? [] : this.index.similar(identity.tenantId, documentId, first);
  }
}

/**
 * Reciprocal rank fusion: a chunk scores the sum of 1 / (RRF_K + rank) over the lists it
 * appears in, so agreement between keyword and semantic search wins, and neither list's
 * raw scores (on different scales) need calibrating. Highlights come from the first list
 * that has any (keyword search marks exact matches).
 */
export function fuse(lists: ChunkHit[][], limit: number): ChunkHit[] {
  const fused = new Map<string, ChunkHit>();
  for (const list of lists) {
    list.forEach((hit, rank) => {
      const key = `${hit.documentId}:${hit.ordinal}`;
      const contribution = 1 / (RRF_K + rank + 1);
      const seen = fused.get(key);
      if (!seen) fused.set(key, { ...hit, score: contribution });
      else fused.set(key, { ...seen, score: seen.score + contribution, highlights: seen.highlights.length > 0 ? seen.highlights : hit.highlights });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.documentId.localeCompare(b.documentId) || a.ordinal - b.ordinal).slice(0, limit);
}
