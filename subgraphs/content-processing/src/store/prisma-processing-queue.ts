import type { DocumentFormat } from "../domain/document";
import type { ClaimedJob, ProcessedDocument, ProcessingQueue } from "../domain/processing-queue";
import { Prisma, type PrismaClient } from "./generated/prisma/client";
import { recordChunkChange } from "./chunk-changes";
import { outboxRow } from "./prisma-document.store";
import { toVectorLiteral } from "./vector-literal";

interface ClaimedRow {
  job_id: string;
  attempts: number;
  tenant_id: string;
  document_id: string;
  title: string;
  format: DocumentFormat;
  source: Uint8Array;
}

/** The processing queue on Postgres: content_jobs, claimed with FOR UPDATE SKIP LOCKED under a lease. */
export class PrismaProcessingQueue implements ProcessingQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claim({ limit, leaseMs, now }: { limit: number; leaseMs: number; now: Date }): Promise<ClaimedJob[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One statement: pick due, unleased (or lease-expired) jobs that no other worker is
    // claiming right now, lease them, and mark their documents PROCESSING.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT id FROM content_jobs
        WHERE run_after <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
        ORDER BY run_after, created_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE content_jobs j SET attempts = j.attempts + 1, lease_until = ${leaseUntil}
        FROM due WHERE j.id = due.id
        RETURNING j.id, j.tenant_id, j.document_id, j.attempts
      ), started AS (
        UPDATE documents d SET status = 'PROCESSING', updated_at = ${now}
        FROM claimed c WHERE d.tenant_id = c.tenant_id AND d.id = c.document_id
        RETURNING d.tenant_id, d.id, d.title, d.format::text AS format, d.source
      )
      SELECT c.id::text AS job_id, c.attempts, s.tenant_id, s.id::text AS document_id, s.title, s.format, s.source
      FROM claimed c JOIN started s ON s.tenant_id = c.tenant_id AND s.id = c.document_id`;
    return rows.map((row) => ({
      jobId: row.job_id,
      tenantId: row.tenant_id,
      documentId: row.document_id,
      title: row.title,
      format: row.format,
      source: new Uint8Array(row.source),
      attempts: Number(row.attempts),
    }));
  }

  async complete(job: ClaimedJob, result: ProcessedDocument, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // Still ours? Another worker that took over an expired lease bumped the attempts.
      const { count } = await tx.contentJob.deleteMany({ where: { id: job.jobId, attempts: job.attempts } });
      if (count === 0) return false;
      await tx.documentChunk.deleteMany({ where: { tenantId: job.tenantId, documentId: job.documentId } });
      if (result.chunks.length > 0) {
        const values = result.chunks.map(
          (c) =>
            Prisma.sql`(${job.tenantId}, ${job.documentId}::uuid, ${c.ordinal}, ${c.text}, ${c.headingPath}::text[], ${toVectorLiteral(c.embedding)}::vector,
              to_tsvector('english', ${[...c.headingPath, c.text].join("\n")}))`,
        );
        await tx.$executeRaw`
          INSERT INTO document_chunks (tenant_id, document_id, ordinal, text, heading_path, embedding, search)
          VALUES ${Prisma.join(values)}`;
      }
      await tx.document.update({
        where: { tenantId_id: { tenantId: job.tenantId, id: job.documentId } },
        data: {
          status: "READY",
          text: result.text,
          wordCount: result.wordCount,
          analysis: result.analysis as unknown as Prisma.InputJsonValue,
          failureReason: null,
          updatedAt: now,
        },
      });
      await tx.outboxEvent.create({ data: outboxRow(result.event) });
      await recordChunkChange(tx, job.tenantId, job.documentId);
      return true;
    });
  }

  async retry(job: ClaimedJob, error: string, retryAt: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.contentJob.updateMany({
        where: { id: job.jobId, attempts: job.attempts },
        data: { leaseUntil: null, runAfter: retryAt, lastError: error },
      }),
      this.prisma.document.updateMany({ where: { tenantId: job.tenantId, id: job.documentId, status: "PROCESSING" }, data: { status: "PENDING" } }),
    ]);
  }

  async fail(job: ClaimedJob, reason: string, now: Date): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.contentJob.deleteMany({ where: { id: job.jobId, attempts: job.attempts } });
      if (count === 0) return;
      await tx.document.updateMany({
        where: { tenantId: job.tenantId, id: job.documentId },
        data: { status: "FAILED", failureReason: reason, updatedAt: now },
      });
    });
  }
}
