-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "vector";

-- CreateEnum
CREATE TYPE "document_format" AS ENUM ('TEXT', 'MARKDOWN', 'HTML', 'PDF');

-- CreateEnum
CREATE TYPE "document_status" AS ENUM ('PENDING', 'PROCESSING', 'READY', 'FAILED');

-- CreateTable
CREATE TABLE "documents" (
    "tenant_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "format" "document_format" NOT NULL,
    "status" "document_status" NOT NULL,
    "text" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "word_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "document_chunks" (
    "tenant_id" TEXT NOT NULL,
    "document_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "heading_path" TEXT[],
    "embedding" vector(384),

    CONSTRAINT "document_chunks_pkey" PRIMARY KEY ("tenant_id","document_id","ordinal")
);

-- CreateIndex
CREATE INDEX "documents_tenant_id_created_at_id_idx" ON "documents"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "documents_tenant_id_content_hash_key" ON "documents"("tenant_id", "content_hash");

-- AddForeignKey
ALTER TABLE "document_chunks" ADD CONSTRAINT "document_chunks_tenant_id_document_id_fkey" FOREIGN KEY ("tenant_id", "document_id") REFERENCES "documents"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
