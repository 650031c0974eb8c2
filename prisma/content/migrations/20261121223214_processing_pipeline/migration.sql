-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "vector";

-- AlterTable
ALTER TABLE "document_chunks" ADD COLUMN     "search" tsvector;

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "analysis" JSONB,
ADD COLUMN     "failure_reason" TEXT,
ADD COLUMN     "source" BYTEA NOT NULL DEFAULT '\x';

-- CreateTable
CREATE TABLE "content_jobs" (
    "id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "document_id" UUID NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "run_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "content_outbox" (
    "id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "content_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "content_jobs_run_after_idx" ON "content_jobs"("run_after");

-- CreateIndex
CREATE UNIQUE INDEX "content_jobs_tenant_id_document_id_key" ON "content_jobs"("tenant_id", "document_id");

-- CreateIndex
CREATE INDEX "content_outbox_occurred_at_idx" ON "content_outbox"("occurred_at");

-- CreateIndex
CREATE INDEX "document_chunks_search_idx" ON "document_chunks" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "content_jobs" ADD CONSTRAINT "content_jobs_tenant_id_document_id_fkey" FOREIGN KEY ("tenant_id", "document_id") REFERENCES "documents"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex (by hand: Prisma's schema language has no HNSW index type)
-- Semantic search: approximate nearest chunks by cosine distance.
CREATE INDEX "document_chunks_embedding_hnsw_idx" ON "document_chunks" USING hnsw ("embedding" vector_cosine_ops);
