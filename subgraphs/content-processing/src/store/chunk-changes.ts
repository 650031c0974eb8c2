import type { Prisma } from "./generated/prisma/client";

/** Versions of a tenant's chunk change log kept; an index further behind reloads the tenant whole. */
export const CHUNK_CHANGES_KEPT = 10_000;

/**
 * Logs, inside the transaction that changed them, that a document's chunks were written or
 * removed: the tenant's next version and the document under it. Call it last in the
 * transaction: the version row stays locked until COMMIT, so the tenant's writers commit
 * in version order, and a short hold keeps them from queueing behind each other.
 */
export async function recordChunkChange(tx: Prisma.TransactionClient, tenantId: string, documentId: string): Promise<void> {
  await tx.$executeRaw`
    WITH next AS (
      INSERT INTO chunk_versions (tenant_id, version) VALUES (${tenantId}, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET version = chunk_versions.version + 1
      RETURNING version
    ), logged AS (
      INSERT INTO chunk_changes (tenant_id, version, document_id) SELECT ${tenantId}, version, ${documentId}::uuid FROM next
    )
    DELETE FROM chunk_changes c USING next WHERE c.tenant_id = ${tenantId} AND c.version <= next.version - ${CHUNK_CHANGES_KEPT}`;
}
