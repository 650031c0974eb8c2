import { type Document, type DocumentChunk, isDocumentId, type NewDocument } from "../domain/document";
import type { DocumentPage, DocumentStore, StoredDocument } from "../domain/document-store";
import type { DocumentCursor } from "../domain/pagination";
import { Prisma, type PrismaClient } from "./generated/prisma/client";

const WITH_CHUNK_COUNT = { _count: { select: { chunks: true } } } satisfies Prisma.DocumentInclude;
type DocumentRow = Prisma.DocumentGetPayload<{ include: typeof WITH_CHUNK_COUNT }>;

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.DocumentOrderByWithRelationInput[];

function toDocument({ _count, ...row }: DocumentRow): Document {
  return { ...row, chunkCount: _count.chunks };
}

/** Rows after the cursor in newest-first order: older, or as old with a smaller id. */
function after(cursor: DocumentCursor): Prisma.DocumentWhereInput {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

// PrismaPg reports Postgres' unique_violation as P2002; pglite-prisma-adapter 0.7.2 passes
// the SQLSTATE (23505) through unmapped.
const UNIQUE_VIOLATION = new Set(["P2002", "23505"]);
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && UNIQUE_VIOLATION.has(error.code);

/** DocumentStore on Postgres (server or PGlite) through Prisma. */
export class PrismaDocumentStore implements DocumentStore {
  constructor(private readonly prisma: PrismaClient) {}

  async createOrGet(draft: NewDocument): Promise<StoredDocument> {
    const existing = await this.findByHash(draft.tenantId, draft.contentHash);
    if (existing) return { document: existing, created: false };
    const { chunks, createdAt, ...document } = draft;
    try {
      // One statement tree, one transaction: the document and all its chunks, or nothing.
      const row = await this.prisma.document.create({
        data: { ...document, createdAt, updatedAt: createdAt, chunks: { createMany: { data: chunks } } },
        include: WITH_CHUNK_COUNT,
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
    const rows = await this.prisma.document.findMany({ where: { tenantId, id: { in: valid } }, include: WITH_CHUNK_COUNT });
    return rows.map(toDocument);
  }

  async list(tenantId: string, page: { first: number; after?: DocumentCursor }): Promise<DocumentPage> {
    // One snapshot for the page and the count, so totalCount agrees with what was listed.
    const [rows, totalCount] = await this.prisma.$transaction([
      this.prisma.document.findMany({
        where: { tenantId, ...(page.after ? after(page.after) : {}) },
        orderBy: NEWEST_FIRST,
        take: page.first + 1, // one extra row answers hasNextPage
        include: WITH_CHUNK_COUNT,
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

  private async findByHash(tenantId: string, contentHash: string): Promise<Document | undefined> {
    const row = await this.prisma.document.findUnique({
      where: { tenantId_contentHash: { tenantId, contentHash } },
      include: WITH_CHUNK_COUNT,
    });
    return row ? toDocument(row) : undefined;
  }
}
