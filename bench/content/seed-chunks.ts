import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { HashingEmbeddingProvider } from "../../subgraphs/content-processing/src/embedding/hashing-embedding-provider";
import { CONTENT_MIGRATIONS_DIR } from "../../subgraphs/content-processing/src/store/content-database";
import type { BenchSql } from "./bench-database";

/** A deterministic pseudo-random stream (mulberry32), so every run seeds the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A vocabulary of made-up words, drawn with a Zipf-like skew as real text is, and grouped
// into topics so chunks of one topic share words (as documents on one subject do).
const SYLLABLES = "ka lo mi ne su ta ri po de fa gu hi ja ko lu ma no pe qu ra se ti vo wu xa ye zo".split(" ");
export function vocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(""));
  }
  return [...words];
}

const TOPIC_SHARE = Number(process.env.TOPIC_SHARE ?? 0.7);

export function sentence(words: string[], topic: number, length: number, next: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    // Most words from the topic's own 100 words (documents on one subject share their
    // terms), the rest from the whole vocabulary, both skewed toward common words.
    const skewed = Math.floor(words.length * next() ** 3);
    out.push(next() < TOPIC_SHARE ? words[(topic * 97 + Math.floor(100 * next() ** 2)) % words.length]! : words[skewed]!);
  }
  return out.join(" ");
}

/** A chunk's text for chunk number n: 40 words of its document's topic. */
export function chunkText(words: string[], n: number, next: () => number): string {
  return sentence(words, Math.floor(n / CHUNKS_PER_DOCUMENT) % TOPICS, 40, next);
}

export const CHUNKS_PER_DOCUMENT = 100;
export const TOPICS = 300;
const INDEX = "document_chunks_embedding_hnsw_idx";

/**
 * Seeds `chunkCount` chunks (100 per document) for one tenant in bulk, embedding each
 * with the local provider, then builds the HNSW index once (faster than growing it row
 * by row): the migration's own index definition, unless `indexWith` gives other build
 * parameters ("m = 32, ef_construction = 128"). Returns the tenant id.
 */
export async function seedChunks(db: BenchSql, chunkCount: number, log: (line: string) => void, indexWith?: string, options: { hnsw: boolean } = { hnsw: true }): Promise<string> {
  const tenantId = `bench-${randomUUID()}`;
  const next = random(42);
  const words = vocabulary(5000, next);
  const embedder = new HashingEmbeddingProvider();
  const documents = Math.ceil(chunkCount / CHUNKS_PER_DOCUMENT);
  const documentIds = Array.from({ length: documents }, () => randomUUID());

  await db.insertRows(
    "documents",
    ["tenant_id", "id", "title", "format", "status", "text", "content_hash", "word_count"],
    documentIds.map((id, i) => [tenantId, id, `Document ${i}`, "MARKDOWN", "READY", "", `hash-${id}`, 0]),
  );

  const definition = await indexDefinition(db);
  await db.exec(`DROP INDEX IF EXISTS ${INDEX}`);
  const batch = 5000;
  for (let start = 0; start < chunkCount; start += batch) {
    const rows: Array<Array<string | number>> = [];
    for (let n = start; n < Math.min(chunkCount, start + batch); n++) {
      const text = chunkText(words, n, next);
      const vector = embedder.embedOne(text).map((x) => x.toFixed(5)).join(",");
      rows.push([tenantId, documentIds[Math.floor(n / CHUNKS_PER_DOCUMENT)]!, n % CHUNKS_PER_DOCUMENT, text, "{}", `[${vector}]`]);
    }
    await db.insertRows("document_chunks", ["tenant_id", "document_id", "ordinal", "text", "heading_path", "embedding"], rows);
  }
  // The keyword column (search) is left empty: this corpus serves the semantic benchmark.
  log(`seeded ${chunkCount} chunks in ${documents} documents`);
  // Without pgvector's HNSW index (on PGlite its build takes a quarter of an hour here) only the in-memory index is measured.
  if (options.hnsw) await buildIndex(db, definition, log, indexWith);
  await db.exec("ANALYZE document_chunks");
  return tenantId;
}

/** The latest migration's CREATE INDEX for the HNSW index, for a corpus seeded without it. */
function migrationIndexDefinition(): string {
  const definitions = readdirSync(CONTENT_MIGRATIONS_DIR)
    .sort()
    .flatMap((migration) => {
      const file = path.join(CONTENT_MIGRATIONS_DIR, migration, "migration.sql");
      return existsSync(file) ? (readFileSync(file, "utf8").match(new RegExp(`CREATE INDEX "?${INDEX}"?[^;]*`, "g")) ?? []) : [];
    });
  if (definitions.length === 0) throw new Error(`no migration creates ${INDEX}`);
  return definitions.at(-1)!;
}

/** The HNSW index's definition as the database has it (CREATE INDEX ...), or the migrations' when it has none. */
export async function indexDefinition(db: BenchSql): Promise<string> {
  const definition = (await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = $1", [INDEX])).rows[0]?.indexdef;
  return definition ?? migrationIndexDefinition();
}

export async function hasIndex(db: BenchSql): Promise<boolean> {
  return (await db.query("SELECT 1 FROM pg_indexes WHERE indexname = $1", [INDEX])).rows.length > 0;
}

/** Builds the index from `definition`, with other build parameters when `indexWith` is given. */
export async function buildIndex(db: BenchSql, definition: string, log: (line: string) => void, indexWith?: string): Promise<void> {
  const started = performance.now();
  const build = indexWith ? `${definition.replace(/\s+WITH\s*\([^)]*\)/i, "")} WITH (${indexWith})` : definition;
  // One exec, so that on a server the setting and the build share a connection.
  await db.exec(`DROP INDEX IF EXISTS ${INDEX}; SET maintenance_work_mem = '1GB'; ${build}`);
  log(`built the HNSW index in ${((performance.now() - started) / 1000).toFixed(1)} s: ${build.replace(/^CREATE INDEX \S+ ON /, "")}`);
}
