import { isDocumentId } from "../domain/document";
import type { ChunkHit, SearchIndex, SimilarDocument } from "../domain/search-index";
import type { PrismaClient } from "./generated/prisma/client";
import { toVectorLiteral } from "./vector-literal";

interface HitRow {
  document_id: string;
  ordinal: number;
  text: string;
  heading_path: string[];
  score: number;
  headline: string;
}

// Up to two fragments of about 30 words around the matches; HighlightAll on short chunks.
export const HEADLINE = "MaxFragments=2, MaxWords=30, MinWords=8, FragmentDelimiter=' … ', StartSel=<b>, StopSel=</b>";
const FRAGMENT_SPLIT = " … ";

/**
 * HNSW candidates examined per query: the recall/latency knob (pgvector's default is 40).
 * bench/content/search.bench.ts measures recall@10 against exact search for several values:
 * over 100,000 chunks of the local embedder with the migration's index (m = 24,
 * ef_construction = 128), 200 found 93% of the exact top 10 and 400 found 97%, at
 * 1.7 times the latency (PGlite p50 14 and 23 ms). Its short queries sit far from the chunks they match
 * (cosine distance 0.65 to the nearest), where HNSW needs many candidates; an embedding
 * model with fewer effective dimensions gets the same recall from fewer (SEARCH_EF_SEARCH).
 */
export const DEFAULT_EF_SEARCH = 400;

export function toHit(row: HitRow): ChunkHit {
  return {
    documentId: row.document_id,
    ordinal: Number(row.ordinal),
    text: row.text,
    headingPath: row.heading_path,
    score: Number(row.score),
    highlights: row.headline.includes("<b>") ? row.headline.split(FRAGMENT_SPLIT) : [],
  };
}

/** Semantic (pgvector HNSW, cosine), keyword (tsvector + GIN) and similar-document search on Postgres. */
export class PrismaSearchIndex implements SearchIndex {
  private readonly efSearch: number;

  constructor(
    private readonly prisma: PrismaClient,
    options: { efSearch?: number } = {},
  ) {
    this.efSearch = options.efSearch ?? DEFAULT_EF_SEARCH;
  }

  async semantic(tenantId: string, embedding: number[], query: string, limit: number): Promise<ChunkHit[]> {
    const vector = toVectorLiteral(embedding);
    // The ORDER BY on the distance alone lets the planner walk the HNSW index; the
    // iterative scan keeps walking when other tenants' chunks are filtered out, so a
    // tenant still gets `limit` hits. Headlines are computed for the winners only.
    const [, rows] = await this.prisma.$transaction([
      // Both settings in one round trip, for this transaction only (set_config's `true`).
      this.prisma.$queryRaw`SELECT set_config('hnsw.ef_search', ${String(this.efSearch)}, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
      this.prisma.$queryRaw<HitRow[]>`
        SELECT hit.document_id::text AS document_id, hit.ordinal, hit.text, hit.heading_path, 1 - hit.distance AS score,
               ts_headline('english', hit.text, plainto_tsquery('english', ${query}), ${HEADLINE}) AS headline
        FROM (
          SELECT document_id, ordinal, text, heading_path, embedding <=> ${vector}::vector AS distance
          FROM document_chunks
          WHERE tenant_id = ${tenantId} AND embedding IS NOT NULL
          ORDER BY embedding <=> ${vector}::vector
          LIMIT ${limit}
        ) hit
        ORDER BY hit.distance, hit.document_id, hit.ordinal`,
    ]);
    if (rows.length >= limit) return rows.map(toHit);
    // Fewer hits than asked: the walk ran out of reachable nodes. pgvector's graph can leave
    // chunks unreachable (after deletes, until VACUUM repairs it), and a small tenant's few
    // chunks may all be among them (seen in tests: 1 of 3,649 chunks, never found). The
    // tenant's chunks, scanned exactly, answer instead.
    return (await this.exactSemantic(tenantId, vector, query, limit)).map(toHit);
  }

  /** Nearest chunks by a scan of the tenant's chunks (MATERIALIZED keeps the planner off the HNSW index). */
  private exactSemantic(tenantId: string, vector: string, query: string, limit: number): Promise<HitRow[]> {
    return this.prisma.$queryRaw<HitRow[]>`
      WITH tenant_chunks AS MATERIALIZED (
        SELECT document_id, ordinal, text, heading_path, embedding <=> ${vector}::vector AS distance
        FROM document_chunks WHERE tenant_id = ${tenantId} AND embedding IS NOT NULL
      )
      SELECT hit.document_id::text AS document_id, hit.ordinal, hit.text, hit.heading_path, 1 - hit.distance AS score,
             ts_headline('english', hit.text, plainto_tsquery('english', ${query}), ${HEADLINE}) AS headline
      FROM (SELECT * FROM tenant_chunks ORDER BY distance, document_id, ordinal LIMIT ${limit}) hit
      ORDER BY hit.distance, hit.document_id, hit.ordinal`;
  }

  /** The size of the document_chunks.embedding column (a vector's typmod is its dimension count). */
  async embeddingDimensions(): Promise<number | null> {
    const rows = await this.prisma.$queryRaw<Array<{ dimensions: number }>>`
      SELECT atttypmod AS dimensions FROM pg_attribute
      WHERE attrelid = 'document_chunks'::regclass AND attname = 'embedding' AND NOT attisdropped`;
    return rows[0] ? Number(rows[0].dimensions) : null;
  }

  async keyword(tenantId: string, query: string, limit: number): Promise<ChunkHit[]> {
    const rows = await this.prisma.$queryRaw<HitRow[]>`
      SELECT hit.document_id::text AS document_id, hit.ordinal, hit.text, hit.heading_path, hit.score,
             ts_headline('english', hit.text, hit.query, ${HEADLINE}) AS headline
      FROM (
        SELECT c.document_id, c.ordinal, c.text, c.heading_path, ts_rank_cd(c.search, q.query)::float8 AS score, q.query
        FROM document_chunks c, websearch_to_tsquery('english', ${query}) AS q(query)
        WHERE c.tenant_id = ${tenantId} AND c.search @@ q.query
        ORDER BY score DESC, c.document_id, c.ordinal
        LIMIT ${limit}
      ) hit
      ORDER BY hit.score DESC, hit.document_id, hit.ordinal`;
    return rows.map(toHit);
  }

  async similar(tenantId: string, documentId: string, limit: number): Promise<SimilarDocument[]> {
    if (!isDocumentId(documentId)) return [];
    // Each document is its chunks' mean embedding; exact over the tenant's documents.
    const rows = await this.prisma.$queryRaw<Array<{ document_id: string; score: number }>>`
      WITH means AS (
        SELECT document_id, avg(embedding) AS embedding FROM document_chunks
        WHERE tenant_id = ${tenantId} AND embedding IS NOT NULL GROUP BY document_id
      )
      SELECT other.document_id::text AS document_id, (1 - (other.embedding <=> self.embedding))::float8 AS score
      FROM means self JOIN means other ON other.document_id <> self.document_id
      WHERE self.document_id = ${documentId}::uuid
      ORDER BY score DESC, other.document_id
      LIMIT ${limit}`;
    return rows.map((row) => ({ documentId: row.document_id, score: Number(row.score) }));
  }
}
