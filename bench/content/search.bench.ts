/**
 * Semantic search over 100,000 chunks (CHUNKS to change): top-10 latency p50/p95 through
 * the store (HNSW, cosine) at several ef_search values (the store's default marked), and
 * recall@10 against exact search (a sequential scan over the same rows) measured in the
 * same run, with the exact search's latency as the baseline.
 *
 *   node -r ./scripts/register.js bench/content/search.bench.ts
 */
import { HashingEmbeddingProvider } from "../../subgraphs/content-processing/src/embedding/hashing-embedding-provider";
import { openContentStores } from "../../subgraphs/content-processing/src/store/content-database";
import { PrismaClient } from "../../subgraphs/content-processing/src/store/generated/prisma/client";
import { DEFAULT_EF_SEARCH, PrismaSearchIndex } from "../../subgraphs/content-processing/src/store/prisma-search-index";
import { toVectorLiteral } from "../../subgraphs/content-processing/src/store/vector-literal";
import { openPGliteWithHandle } from "../../subgraphs/content-processing/test/fixtures/pglite-with-handle";
import { type PGliteHandle, random, seedChunks, sentence, vocabulary } from "./seed-chunks";

const CHUNKS = Number(process.env.CHUNKS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 100);
const log = (line: string) => process.stdout.write(`${line}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function exactTop10(db: PGliteHandle, tenantId: string, literal: string): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const result = await db.transaction(async (tx) => {
    // No index: the planner scans every row and sorts by exact distance.
    await tx.exec("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off");
    return tx.query<{ key: string }>(
      `SELECT document_id || ':' || ordinal AS key FROM document_chunks WHERE tenant_id = $1 ORDER BY embedding <=> $2::vector, document_id, ordinal LIMIT 10`,
      [tenantId, literal],
    );
  });
  return { ids: result.rows.map((r) => r.key), ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { db, database } = await openPGliteWithHandle();
  const stores = await openContentStores(database);
  const seedStarted = performance.now();
  const tenantId = await seedChunks(db, CHUNKS, log);
  log(`seeding took ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const next = random(7);
  const words = vocabulary(5000, random(42)); // the seed's vocabulary: queries use its words
  const embedder = new HashingEmbeddingProvider();
  const queries = Array.from({ length: QUERIES }, () => sentence(words, Math.floor(next() * 300), 6, next));

  // Warm up both paths (plans, caches) before measuring.
  for (const q of queries.slice(0, 10)) {
    await stores.search.semantic(tenantId, embedder.embedOne(q), q, 10);
    await exactTop10(db, tenantId, toVectorLiteral(embedder.embedOne(q)));
  }

  const embeddings = queries.map((q) => embedder.embedOne(q));
  const truths: Array<Set<string>> = [];
  const exactMs: number[] = [];
  for (const embedding of embeddings) {
    const exact = await exactTop10(db, tenantId, toVectorLiteral(embedding));
    exactMs.push(exact.ms);
    truths.push(new Set(exact.ids));
  }
  exactMs.sort((a, b) => a - b);

  const prisma = new PrismaClient({ adapter: database.adapterFactory });
  log(`\n${CHUNKS} chunks, ${queries.length} queries, top 10 (goal: recall >= 0.95 with p50 < 5 ms)`);
  log(`                                p50 ms   p95 ms   recall@10   p50 vs exact`);
  log(`exact (seq scan, baseline)     ${percentile(exactMs, 50).toFixed(2).padStart(7)}  ${percentile(exactMs, 95).toFixed(2).padStart(7)}       1.000           1.0x`);
  for (const efSearch of [100, DEFAULT_EF_SEARCH, 400]) {
    const index = new PrismaSearchIndex(prisma, { efSearch });
    for (const [i, q] of queries.slice(0, 10).entries()) await index.semantic(tenantId, embeddings[i]!, q, 10);
    const annMs: number[] = [];
    let found = 0;
    for (const [i, q] of queries.entries()) {
      const started = performance.now();
      const hits = await index.semantic(tenantId, embeddings[i]!, q, 10);
      annMs.push(performance.now() - started);
      found += hits.filter((h) => truths[i]!.has(`${h.documentId}:${h.ordinal}`)).length;
    }
    annMs.sort((a, b) => a - b);
    const label = `HNSW ef_search ${efSearch}${efSearch === DEFAULT_EF_SEARCH ? " (default)" : ""}`.padEnd(30);
    const speedUp = percentile(exactMs, 50) / percentile(annMs, 50);
    log(`${label} ${percentile(annMs, 50).toFixed(2).padStart(7)}  ${percentile(annMs, 95).toFixed(2).padStart(7)}       ${(found / (queries.length * 10)).toFixed(3)}   ${speedUp.toFixed(1).padStart(11)}x`);
  }
  await prisma.$disconnect();
  await stores.disconnect();
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
