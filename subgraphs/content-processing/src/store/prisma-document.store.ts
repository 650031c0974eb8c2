import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@aiwf/platform/postgres";
import type { DocumentAnalysis } from "../domain/analysis";
import { type Document, type DocumentChunk, isDocumentId, type NewDocument } from "../domain/document";
import type { DocumentPage, DocumentStore, StoredDocument } from "../domain/document-store";
import type { OutboxDraft } from "../domain/outbox";
import type { DocumentCursor } from "../domain/pagination";
import { recordChunkChange } from "./chunk-changes";
import { Prisma, type PrismaClient } from "./generated/prisma/client";

const WITH_CHUNK_COUNT = { _count: { select: { chunks: true } } } satisfies Prisma.DocumentInclude;
// The source can be a megabyte: readers never need it, only the worker does.
const READ = { omit: { source: true }, include: WITH_CHUNK_COUNT } as const;
type DocumentRow = Prisma.DocumentGetPayload<{ omit: { source: true }; include: typeof WITH_CHUNK_COUNT }>;

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.DocumentOrderByWithRelationInput[];

function toDocument({ _count, analysis, ...row }: DocumentRow): Document {
  return { ...row, analysis: (analysis ?? null) as DocumentAnalysis | null, chunkCount: _count.chunks };
}

/** Rows after the cursor in newest-first order: older, or as old with a smaller id. */
function after(cursor: DocumentCursor): Prisma.DocumentWhereInput {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}


/** The outbox row for an event (shared by every store that records events). */
export function outboxRow(event: OutboxDraft): Prisma.OutboxEventCreateManyInput {
  return { id: event.id, tenantId: event.tenantId, topic: event.topic, payload: event.payload as Prisma.InputJsonValue, occurredAt: event.occurredAt };
}

/** DocumentStore on Postgres (server or PGlite) through Prisma. */
export class PrismaDocumentStore implements DocumentStore {
  constructor(private readonly prisma: PrismaClient) {}

  async createOrGet(draft: NewDocument, runAfter: Date): Promise<StoredDocument> {
    const existing = await this.findByHash(draft.tenantId, draft.contentHash);
    if (existing) return { document: existing, created: false };
    const { createdAt, source, ...document } = draft;
    try {
      // One statement tree, one transaction: the document and its job, or nothing.
      const row = await this.prisma.document.create({
        data: {
          ...document,
          source: new Uint8Array(source),
          status: "PENDING",
          text: "",
          wordCount: 0,
          createdAt,
          updatedAt: createdAt,
          jobs: { create: { id: randomUUID(), runAfter, createdAt } },
        },
        ...READ,
      });
      return { document: toDocument(row), created: true };
    } catch (error) {
      // A concurrent ingest of the same content won the (tenant_id, content_hash) race:
      // answer with its document. Any other violation (or none found) is a real failure.
      const winner = isUniqueViolation(error) ? await this.findByHash(draft.tenantId, draft.contentHash) : undefined;
      if (winner) return { document: winner, created: false };
      throw error;
    }
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Document[]> {
    const valid = [...new Set(ids.filter(isDocumentId))];
    if (valid.length === 0) return [];
    const rows = await this.prisma.document.findMany({ where: { tenantId, id: { in: valid } }, ...READ });
    return rows.map(toDocument);
  }

  async list(tenantId: string, page: { first: number; after?: DocumentCursor }): Promise<DocumentPage> {
    // One snapshot for the page and the count, so totalCount agrees with what was listed.
    const [rows, totalCount] = await this.prisma.$transaction([
      this.prisma.document.findMany({
        where: { tenantId, ...(page.after ? after(page.after) : {}) },
        orderBy: NEWEST_FIRST,
        take: page.first + 1, // one extra row answers hasNextPage
        ...READ,
      }),
      this.prisma.document.count({ where: { tenantId } }),
    ]);
    return { documents: rows.slice(0, page.first).map(toDocument), hasNextPage: rows.length > page.first, totalCount };
  }

  async chunksOf(tenantId: string, documentId: string): Promise<DocumentChunk[]> {
    if (!isDocumentId(documentId)) return [];
    return this.prisma.documentChunk.findMany({
      where: { tenantId, documentId },
      orderBy: { ordinal: "asc" },
      select: { ordinal: true, text: true, headingPath: true },
    });
  }

  async requeue(tenantId: string, documentId: string, runAfter: Date): Promise<Document | undefined> {
    if (!isDocumentId(documentId)) return undefined;
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.document.updateMany({
        where: { tenantId, id: documentId },
        data: { status: "PENDING", failureReason: null, updatedAt: runAfter },
      });
      if (count === 0) return undefined;
      // A job still queued or held is replaced: the fresh one starts its attempts over.
      await tx.contentJob.deleteMany({ where: { tenantId, documentId } });
      await tx.contentJob.create({ data: { id: randomUUID(), tenantId, documentId, runAfter, createdAt: runAfter } });
      const row = await tx.document.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: documentId } }, ...READ });
      return toDocument(row);
    });
  }

  async delete(tenantId: string, documentId: string, event: OutboxDraft): Promise<boolean> {
    if (!isDocumentId(documentId)) return false;
    return this.prisma.$transaction(async (tx) => {
      // Chunks (with their embeddings) and the job go with the document (ON DELETE CASCADE).
      const { count } = await tx.document.deleteMany({ where: { tenantId, id: documentId } });
      if (count === 0) return false;
      await tx.outboxEvent.create({ data: outboxRow(event) });
      await recordChunkChange(tx, tenantId, documentId);
      return true;
    });
  }

  private async findByHash(tenantId: string, contentHash: string): Promise<Document | undefined> {
    const row = await this.prisma.document.findUnique({ where: { tenantId_contentHash: { tenantId, contentHash } }, ...READ });
    return row ? toDocument(row) : undefined;
  }
}
