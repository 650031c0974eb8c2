-- (The generated diff also dropped document_chunks_embedding_hnsw_idx, made by hand in
-- 20261121223214_processing_pipeline because the schema language cannot state it: removed.)

-- CreateTable
CREATE TABLE "analyzer_plugins" (
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "abi_version" INTEGER NOT NULL,
    "wasm" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "timeout_ms" INTEGER NOT NULL,
    "max_memory_mb" INTEGER NOT NULL,
    "max_output_bytes" INTEGER NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "analyzer_plugins_pkey" PRIMARY KEY ("tenant_id","name")
);
