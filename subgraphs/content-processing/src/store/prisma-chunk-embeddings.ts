import type { ChunkChanges, ChunkEmbedding, ChunkEmbeddingSource, ChunkKey } from "../domain/chunk-vectors";
import type { ChunkHit } from "../domain/search-index";
import type { PrismaClient } from "./generated/prisma/client";
import { HEADLINE, type HitRow, toHit } from "./prisma-search-index";
import { toVectorLiteral } from "./vector-literal";

/** Chunks read per page when loading a tenant's vectors. */
const PAGE_SIZE = 500;

interface EmbeddingRow {
  document_id: string;
  ordinal: number;
  embedding: string;
}

/** The chunk embeddings and their change log (chunk_versions, chunk_changes) on Postgres. */
export class PrismaChunkEmbeddings implements ChunkEmbeddingSource {
  constructor(private readonly prisma: PrismaClient) {}

  async tenants(): Promise<string[]> {
    const rows = await this.prisma.chunkVersion.findMany({ select: { tenantId: true }, orderBy: { tenantId: "asc" } });
    return rows.map((row) => row.tenantId);
  }

  async version(tenantId: string): Promise<number> {
    const row = await this.prisma.chunkVersion.findUnique({ where: { tenantId } });
    return row ? Number(row.version) : 0;
  }

  async changesSince(tenantId: string, version: number): Promise<ChunkChanges | undefined> {
    // One statement, one snapshot: the latest version and the log agree.
    const [row] = await this.prisma.$queryRaw<Array<{ latest: bigint; logged: bigint; document_ids: string[] | null }>>`
      SELECT coalesce((SELECT version FROM chunk_versions WHERE tenant_id = ${tenantId}), 0) AS latest,
             count(*) AS logged, array_agg(DISTINCT document_id::text) AS document_ids
      FROM chunk_changes WHERE tenant_id = ${tenantId} AND version > ${version}`;
    const latest = Number(row!.latest);
    // The log keeps the newest versions only: a gap means older changes were dropped from it.
    if (Number(row!.logged) !== latest - version) return undefined;
    return { documentIds: row!.document_ids ?? [], version: latest };
  }

  async *embeddings(tenantId: string, documentIds?: readonly string[]): AsyncIterable<ChunkEmbedding[]> {
    // Keyset pages in (document_id, ordinal) order: each page starts where the last ended.
    let after = { documentId: "00000000-0000-0000-0000-000000000000", ordinal: -1 };
    for (;;) {
      const rows = documentIds
        ? await this.prisma.$queryRaw<EmbeddingRow[]>`
            SELECT document_id::text AS document_id, ordinal, embedding::text AS embedding FROM document_chunks
            WHERE tenant_id = ${tenantId} AND document_id = ANY(${documentIds}::uuid[]) AND embedding IS NOT NULL
              AND (document_id, ordinal) > (${after.documentId}::uuid, ${after.ordinal})
            ORDER BY document_id, ordinal LIMIT ${PAGE_SIZE}`
        : await this.prisma.$queryRaw<EmbeddingRow[]>`
            SELECT document_id::text AS document_id, ordinal, embedding::text AS embedding FROM document_chunks
            WHERE tenant_id = ${tenantId} AND embedding IS NOT NULL
              AND (document_id, ordinal) > (${after.documentId}::uuid, ${after.ordinal})
            ORDER BY document_id, ordinal LIMIT ${PAGE_SIZE}`;
      if (rows.length === 0) return;
      // pgvector's text form is a JSON array.
      yield rows.map((row) => ({ documentId: row.document_id, ordinal: Number(row.ordinal), embedding: Float32Array.from(JSON.parse(row.embedding) as number[]) }));
      const last = rows.at(-1)!;
      after = { documentId: last.document_id, ordinal: Number(last.ordinal) };
      if (rows.length < PAGE_SIZE) return;
    }
  }

  async nearestAmong(tenantId: string, candidates: readonly ChunkKey[], embedding: number[], query: string, limit: number): Promise<{ hits: ChunkHit[]; version: number }> {
    const vector = toVectorLiteral(embedding);
    // The version row always comes back, with or without hits; headlines for the winners only.
    const rows = await this.prisma.$queryRaw<Array<HitRow & { version: bigint }>>`
      SELECT v.version, hit.document_id, hit.ordinal, hit.text, hit.heading_path, 1 - hit.distance AS score,
             ts_headline('english', hit.text, plainto_tsquery('english', ${query}), ${HEADLINE}) AS headline
      FROM (SELECT coalesce((SELECT version FROM chunk_versions WHERE tenant_id = ${tenantId}), 0) AS version) v
      LEFT JOIN LATERAL (
        SELECT c.document_id::text AS document_id, c.ordinal, c.text, c.heading_path, c.embedding <=> ${vector}::vector AS distance
        FROM unnest(${candidates.map((c) => c.documentId)}::uuid[], ${candidates.map((c) => c.ordinal)}::int[]) AS k(document_id, ordinal)
        JOIN document_chunks c ON c.tenant_id = ${tenantId} AND c.document_id = k.document_id AND c.ordinal = k.ordinal
        WHERE c.embedding IS NOT NULL
        ORDER BY distance, c.document_id, c.ordinal
        LIMIT ${limit}
      ) hit ON true
      ORDER BY hit.distance, hit.document_id, hit.ordinal`;
    return { hits: rows.filter((row) => row.document_id !== null).map(toHit), version: Number(rows[0]!.version) };
  }
}
