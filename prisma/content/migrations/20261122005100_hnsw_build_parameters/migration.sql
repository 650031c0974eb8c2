-- Rebuild the chunk embeddings HNSW index with a denser graph (by hand: the Prisma schema
-- language has no HNSW index type). Over 100,000 chunks of the local embedder, search with
-- the pgvector defaults (m = 16, ef_construction = 64) found 85% of the exact top 10 at
-- ef_search 200, and with m = 24, ef_construction = 128 it finds 93% at ef_search 200 and
-- 95 to 97% at 400 (bench/content/search.bench.ts). Inserts cost more: each chunk searches
-- 128 candidates. (No semicolons in comments here: the pg adapter splits scripts at them.)
DROP INDEX IF EXISTS "document_chunks_embedding_hnsw_idx";
CREATE INDEX "document_chunks_embedding_hnsw_idx" ON "document_chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m = 24, ef_construction = 128);
