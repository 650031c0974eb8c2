-- A change log of each tenant's chunks, for in-memory vector indexes kept by every
-- instance of the service: a transaction that writes or removes a document's chunks
-- takes the tenant's next version (the row lock is held to COMMIT, so versions commit
-- in order) and logs the document under it. A reader that knows its version catches
-- up by reloading the documents logged after it.
-- (No semicolons in comments here: the pg adapter splits scripts at them.)
CREATE TABLE "chunk_versions" (
    "tenant_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "chunk_versions_pkey" PRIMARY KEY ("tenant_id")
);

CREATE TABLE "chunk_changes" (
    "tenant_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "document_id" UUID NOT NULL,

    CONSTRAINT "chunk_changes_pkey" PRIMARY KEY ("tenant_id", "version")
);

-- Tenants with chunks from before the log start at version 1: a reader loads them whole.
INSERT INTO "chunk_versions" ("tenant_id", "version") SELECT DISTINCT "tenant_id", 1 FROM "document_chunks";
