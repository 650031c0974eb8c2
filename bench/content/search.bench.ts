/**
 * Semantic search over 100,000 chunks (CHUNKS to change): top-10 latency p50/p95 through
 * the production paths, side by side with exact search (a sequential scan over the same
 * rows) in the same run, which is the baseline for both latency and recall@10:
 *   in-memory  InMemoryVectorSearch (the default, SEMANTIC_INDEX=memory): USearch's 8-bit
 *              HNSW proposes candidates, the database re-ranks them exactly and adds headlines,
 *              at several expansions, the default marked; with its load time and memory
 *   pgvector   PrismaSearchIndex.semantic (SEMANTIC_INDEX=database): HNSW in the database,
 *              ef_search and iterative scan set for the transaction, headlines
 *
 * Two kinds of query, both embedded by the local provider:
 *   topic    6 words drawn from one topic's vocabulary (a user naming a subject)
 *   passage  6 consecutive words of a random chunk (a user recalling a passage)
 * Recall is given strictly (the exact top 10's ids) and tie-aware (ann-benchmarks' rule:
 * a hit counts when it is no farther than the exact 10th; equal distances are equally right).
 *
 *   node -r ./scripts/register.js bench/content/search.bench.ts
 *   MEMORY_EXPANSION=128,256,512 EF=100,200,400 (EF=none: no pgvector rows, and a corpus seeded
 *   without pgvector's index, whose build takes a quarter of an hour on PGlite here)
 *   QUERIES=100 INDEX_WITH="m = 32, ef_construction = 128" CORPUS_DIR=/tmp/corpus (kept and reused)
 *   BENCH_DATABASE_URL=postgres://... (a server whose database offers the vector extension; seeded
 *   once, reused while it holds CHUNKS chunks) instead of PGlite
 */
import { HashingEmbeddingProvider } from "../../subgraphs/content-processing/src/embedding/hashing-embedding-provider";
import { InMemoryVectorSearch } from "../../subgraphs/content-processing/src/domain/in-memory-vector-search";
import type { SearchIndex } from "../../subgraphs/content-processing/src/domain/search-index";
import { EMBEDDING_DIMENSIONS } from "../../subgraphs/content-processing/src/embedding/embedding-provider";
import { type ContentStores, openContentStores } from "../../subgraphs/content-processing/src/store/content-database";
import { DEFAULT_EXPANSION_SEARCH, UsearchVectorIndex } from "../../subgraphs/content-processing/src/store/usearch-vector-index";
import { PrismaClient } from "../../subgraphs/content-processing/src/store/generated/prisma/client";
import { DEFAULT_EF_SEARCH, PrismaSearchIndex } from "../../subgraphs/content-processing/src/store/prisma-search-index";
import { toVectorLiteral } from "../../subgraphs/content-processing/src/store/vector-literal";
import { type BenchSql, openBenchDatabase } from "./bench-database";
import { buildIndex, hasIndex, indexDefinition, random, seedChunks, sentence, TOPICS, vocabulary } from "./seed-chunks";

const CHUNKS = Number(process.env.CHUNKS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 100);
const EF_VALUES = process.env.EF === "none" ? [] : (process.env.EF ?? `200,${DEFAULT_EF_SEARCH}`).split(",").map(Number);
const MEMORY_EXPANSIONS = (process.env.MEMORY_EXPANSION ?? `256,${DEFAULT_EXPANSION_SEARCH}`).split(",").map(Number);
const log = (line: string) => process.stdout.write(`${line}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Truth {
  keys: Set<string>;
  /** Distance of the exact 10th nearest chunk. */
  tenth: number;
}

async function exactTop10(db: BenchSql, tenantId: string, literal: string): Promise<{ truth: Truth; ms: number }> {
  const started = performance.now();
  const result = await db.transaction(async (tx) => {
    // No index: the planner scans every row and sorts by exact distance.
    await tx.exec("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off");
    return tx.query<{ key: string; distance: number }>(
      `SELECT document_id || ':' || ordinal AS key, embedding <=> $2::vector AS distance FROM document_chunks WHERE tenant_id = $1 ORDER BY embedding <=> $2::vector, document_id, ordinal LIMIT 10`,
      [tenantId, literal],
    );
  });
  const ms = performance.now() - started;
  return { truth: { keys: new Set(result.rows.map((r) => r.key)), tenth: Number(result.rows.at(-1)!.distance) }, ms };
}

/** 6 consecutive words from each of `count` chunks picked at random. */
async function passageQueries(db: BenchSql, tenantId: string, count: number, next: () => number): Promise<string[]> {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const offset = Math.floor(next() * CHUNKS);
    const { rows } = await db.query<{ text: string }>("SELECT text FROM document_chunks WHERE tenant_id = $1 ORDER BY document_id, ordinal LIMIT 1 OFFSET $2", [tenantId, offset]);
    const words = rows[0]!.text.split(" ");
    const start = Math.floor(next() * (words.length - 6));
    queries.push(words.slice(start, start + 6).join(" "));
  }
  return queries;
}

/** The HNSW query alone, straight on PGlite: what the production path adds shows against it. */
async function indexOnlyTop10(db: BenchSql, tenantId: string, literal: string, efSearch: number): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL hnsw.ef_search = ${efSearch}; SET LOCAL hnsw.iterative_scan = relaxed_order`);
    await tx.query(`SELECT document_id, ordinal FROM document_chunks WHERE tenant_id = $1 AND embedding IS NOT NULL ORDER BY embedding <=> $2::vector LIMIT 10`, [tenantId, literal]);
  });
  return performance.now() - started;
}

/** The in-memory index's production path, loaded from the store; its load time and heap. */
async function loadInMemory(stores: ContentStores, tenantId: string, expansionSearch: number) {
  const heapBefore = process.memoryUsage();
  const started = performance.now();
  const search = new InMemoryVectorSearch({
    source: stores.embeddings,
    database: stores.search,
    createIndex: () => new UsearchVectorIndex({ dimensions: EMBEDDING_DIMENSIONS, expansionSearch }),
  });
  await search.whenLoaded(tenantId);
  const after = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  log(`in-memory index, expansion ${expansionSearch}: loaded ${CHUNKS} chunks in ${((performance.now() - started) / 1000).toFixed(1)} s, rss +${mb(after.rss - heapBefore.rss)} MB`);
  return search;
}

async function main(): Promise<void> {
  const target = await openBenchDatabase();
  const { sql: db, database } = target;
  const stores = await openContentStores(database);
  const seeded = (
    await db.query<{ tenant_id: string; chunks: number }>("SELECT tenant_id, count(*)::int AS chunks FROM document_chunks GROUP BY tenant_id ORDER BY chunks DESC LIMIT 1")
  ).rows[0];
  let tenantId: string;
  if (seeded && seeded.chunks === CHUNKS) {
    tenantId = seeded.tenant_id;
    log(`reusing ${seeded.chunks} chunks in ${target.name}`);
    const current = await indexDefinition(db);
    const wanted = process.env.INDEX_WITH;
    const rebuild = wanted && !current.replace(/\s+/g, "").includes(wanted.replace(/\s+/g, ""));
    if (EF_VALUES.length > 0 && (rebuild || !(await hasIndex(db)))) await buildIndex(db, current, log, wanted);
  } else {
    if (seeded) await db.exec("TRUNCATE documents CASCADE");
    const seedStarted = performance.now();
    tenantId = await seedChunks(db, CHUNKS, log, process.env.INDEX_WITH, { hnsw: EF_VALUES.length > 0 });
    log(`seeding took ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  }
  const index = EF_VALUES.length > 0 ? (await indexDefinition(db)).replace(/^CREATE INDEX \S+ ON /, "") : "none (EF=none)";

  const next = random(7);
  const words = vocabulary(5000, random(42)); // the seed's vocabulary: topic queries use its words
  const embedder = new HashingEmbeddingProvider();
  const kinds = {
    topic: Array.from({ length: QUERIES }, () => sentence(words, Math.floor(next() * TOPICS), 6, next)),
    passage: await passageQueries(db, tenantId, QUERIES, next),
  };
  const memory = new Map<number, InMemoryVectorSearch>();
  for (const expansion of MEMORY_EXPANSIONS) memory.set(expansion, await loadInMemory(stores, tenantId, expansion));

  const prisma = new PrismaClient({ adapter: database.adapterFactory });
  log(`\n${target.name}: ${CHUNKS} chunks, ${QUERIES} queries of each kind, top 10; goal: recall >= 0.95 with p50 < 5 ms`);
  log(`pgvector index: ${index}; production paths (the database reads the hits with their headlines)`);
  log(`queries  search                                        p50 ms   p95 ms   recall@10   tie-aware   p50 vs exact`);
  for (const [kind, queries] of Object.entries(kinds)) {
    const embeddings = queries.map((q) => embedder.embedOne(q));
    // Warm up every path (plans, caches) before measuring.
    for (const [i, q] of queries.slice(0, 10).entries()) {
      if (EF_VALUES.length > 0) await stores.search.semantic(tenantId, embeddings[i]!, q, 10);
      for (const search of memory.values()) await search.semantic(tenantId, embeddings[i]!, q, 10);
      await exactTop10(db, tenantId, toVectorLiteral(embeddings[i]!));
    }
    const truths: Truth[] = [];
    const exactMs: number[] = [];
    for (const embedding of embeddings) {
      const exact = await exactTop10(db, tenantId, toVectorLiteral(embedding));
      exactMs.push(exact.ms);
      truths.push(exact.truth);
    }
    exactMs.sort((a, b) => a - b);
    const row = (label: string, ms: number[], recall: string, tieAware: string) =>
      log(`${kind.padEnd(8)} ${label.padEnd(44)} ${percentile(ms, 50).toFixed(2).padStart(7)}  ${percentile(ms, 95).toFixed(2).padStart(7)}       ${recall}       ${tieAware}   ${(percentile(exactMs, 50) / percentile(ms, 50)).toFixed(1).padStart(11)}x`);
    row("exact (seq scan, baseline)", exactMs, "1.000", "1.000");

    const measure = async (label: string, search: SearchIndex) => {
      const ms: number[] = [];
      let strict = 0;
      let tieAware = 0;
      for (const [i, q] of queries.entries()) {
        const started = performance.now();
        const hits = await search.semantic(tenantId, embeddings[i]!, q, 10);
        ms.push(performance.now() - started);
        strict += hits.filter((h) => truths[i]!.keys.has(`${h.documentId}:${h.ordinal}`)).length;
        // score = 1 - distance, as the store computes it.
        tieAware += hits.filter((h) => 1 - h.score <= truths[i]!.tenth + 1e-6).length;
      }
      ms.sort((a, b) => a - b);
      const recall = (found: number) => (found / (queries.length * 10)).toFixed(3);
      row(label, ms, recall(strict), recall(tieAware));
    };
    for (const [expansion, search] of memory) {
      await measure(`in-memory i8 HNSW, expansion ${expansion}${expansion === DEFAULT_EXPANSION_SEARCH ? " (default)" : ""}`, search);
    }
    for (const efSearch of EF_VALUES) {
      await measure(`pgvector HNSW, ef_search ${efSearch}${efSearch === DEFAULT_EF_SEARCH ? " (db default)" : ""}`, new PrismaSearchIndex(prisma, { efSearch }));
    }
    if (EF_VALUES.length === 0) continue;
    const indexMs: number[] = [];
    for (const embedding of embeddings) indexMs.push(await indexOnlyTop10(db, tenantId, toVectorLiteral(embedding), DEFAULT_EF_SEARCH));
    indexMs.sort((a, b) => a - b);
    log(`${kind.padEnd(8)} ${`pgvector index only, ef_search ${DEFAULT_EF_SEARCH}`.padEnd(44)} ${percentile(indexMs, 50).toFixed(2).padStart(7)}  ${percentile(indexMs, 95).toFixed(2).padStart(7)}   (the same query without Prisma and headlines)`);
  }
  await prisma.$disconnect();
  await stores.disconnect();
  await target.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
