import { randomUUID } from "node:crypto";
import { createTestDatabase, type OpenedDatabase, openDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import { InMemoryVectorSearch } from "../src/domain/in-memory-vector-search";
import type { DocumentChunk } from "../src/domain/document";
import { EMBEDDING_DIMENSIONS } from "../src/embedding/embedding-provider";
import { HashingEmbeddingProvider } from "../src/embedding/hashing-embedding-provider";
import { type ContentStores, openContentStores } from "../src/store/content-database";
import { PrismaClient } from "../src/store/generated/prisma/client";
import { UsearchVectorIndex } from "../src/store/usearch-vector-index";
import { deletedEvent, draft, processed } from "./content-stores.contract";

const embedder = new HashingEmbeddingProvider();
const WORDS = "river stone forest lantern harbor engine orchard glacier violin compass meadow copper falcon desert canyon ember".split(" ");

/** Sentences of 8 words from WORDS, the same every run. */
function sentences(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 8 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" "));
}

/**
 * Two instances of the service on one database: `writer` ingests and deletes, `reader`
 * searches through its own in-memory vector index.
 */
function inMemoryVectorSearchSuite(open: () => Promise<{ database: OpenedDatabase; close?: () => Promise<void> }>) {
  let database: OpenedDatabase;
  let close: (() => Promise<void>) | undefined;
  let writer: ContentStores;
  let reader: ContentStores;
  let prisma: PrismaClient;

  beforeAll(async () => {
    ({ database, close } = await open());
    writer = await openContentStores(database);
    reader = await openContentStores(database);
    prisma = new PrismaClient({ adapter: database.adapterFactory });
  }, 120_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await writer?.disconnect();
    await reader?.disconnect();
    await database?.close();
    await close?.();
  });
  afterEach(() => jest.restoreAllMocks());

  const newSearch = (maxChunks?: number) =>
    new InMemoryVectorSearch({
      source: reader.embeddings,
      database: reader.search,
      createIndex: () => new UsearchVectorIndex({ dimensions: EMBEDDING_DIMENSIONS }),
      maxChunks,
    });

  /** A READY document of these chunk texts, written by the writer. */
  async function ingest(tenantId: string, texts: string[]): Promise<string> {
    const now = new Date();
    const document = draft(`${texts.join("\n\n")} ${randomUUID()}`, { tenantId, createdAt: now });
    await writer.documents.createOrGet(document, now);
    const [job] = (await writer.queue.claim({ limit: 1000, leaseMs: 60_000, now })).filter((j) => j.tenantId === tenantId);
    const chunks: DocumentChunk[] = texts.map((text, ordinal) => ({ ordinal, text, headingPath: [] }));
    expect(await writer.queue.complete(job!, processed(job!, chunks), now)).toBe(true);
    return document.id;
  }

  /** A new tenant with one document of these chunks, and a search that has loaded the tenant. */
  async function loadedTenant(chunks: string[]): Promise<{ tenantId: string; search: InMemoryVectorSearch }> {
    const tenantId = `tenant-${randomUUID()}`;
    await ingest(tenantId, chunks);
    const search = newSearch();
    await search.whenLoaded(tenantId);
    return { tenantId, search };
  }

  const texts = async (search: InMemoryVectorSearch, tenantId: string, query: string, limit = 5) =>
    (await search.semantic(tenantId, embedder.embedOne(query), query, limit)).map((hit) => hit.text);

  it("answers with the exact nearest chunks and their scores once the tenant is loaded, without the database's index", async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const corpus = sentences(300, 7);
    for (let d = 0; d < 30; d++) await ingest(tenantId, corpus.slice(d * 10, d * 10 + 10));
    const search = newSearch();
    await search.whenLoaded(tenantId);
    const database = jest.spyOn(reader.search, "semantic");

    for (const query of sentences(10, 99).map((s) => s.split(" ").slice(0, 4).join(" "))) {
      const probe = embedder.embedOne(query);
      // Exact cosine similarity over the whole corpus, here in the test.
      const exact = corpus
        .map((text) => ({ text, score: embedder.embedOne(text).reduce((sum, x, i) => sum + x * probe[i]!, 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const hits = await search.semantic(tenantId, probe, query, 10);
      expect(hits.map((h) => h.score)).toEqual(exact.map((e) => expect.closeTo(e.score, 4)));
      expect(new Set(hits.map((h) => h.text))).toEqual(new Set(exact.map((e) => e.text)));
    }
    expect(database).not.toHaveBeenCalled();
  }, 60_000);

  it("sees another instance's new and deleted documents at its next search", async () => {
    const { tenantId, search } = await loadedTenant(["The lighthouse keeper trims the lamp at dusk."]);
    const database = jest.spyOn(reader.search, "semantic");

    const orchard = await ingest(tenantId, ["Apple trees in the orchard blossom in spring."]);
    expect((await texts(search, tenantId, "orchard apple blossom"))[0]).toBe("Apple trees in the orchard blossom in spring.");

    await writer.documents.delete(tenantId, orchard, deletedEvent(tenantId, orchard));
    expect(await texts(search, tenantId, "orchard apple blossom")).toEqual(["The lighthouse keeper trims the lamp at dusk."]);
    expect(database).not.toHaveBeenCalled();
  }, 60_000);

  it("does not trust candidates picked before another search's catch-up moved the index on", async () => {
    const { tenantId, search } = await loadedTenant(["Moss grows on the north side of stones."]);
    await ingest(tenantId, ["Comets trail ice and dust past the sun."]);

    // A second search picks its candidates while the first catches up (before the comet is
    // in the index), and its read of them lands after that catch-up has finished.
    const changesSince = reader.embeddings.changesSince.bind(reader.embeddings);
    const nearestAmong = reader.embeddings.nearestAmong.bind(reader.embeddings);
    let firstDone!: () => void;
    const firstFinished = new Promise<void>((resolve) => (firstDone = resolve));
    let second: Promise<string[]> | undefined;
    jest.spyOn(reader.embeddings, "changesSince").mockImplementationOnce((...args) => {
      second = texts(search, tenantId, "comets ice dust sun", 1);
      return changesSince(...args);
    });
    let reads = 0;
    jest.spyOn(reader.embeddings, "nearestAmong").mockImplementation(async (...args) => {
      // The second search's first read (the first search made the first read) waits.
      if (++reads === 2) await firstFinished;
      return nearestAmong(...args);
    });
    expect(await texts(search, tenantId, "comets ice dust sun", 1)).toEqual(["Comets trail ice and dust past the sun."]);
    firstDone();
    expect(await second).toEqual(["Comets trail ice and dust past the sun."]);
  }, 60_000);

  it("answers from the database while a tenant loads, and from memory after", async () => {
    const tenantId = `tenant-${randomUUID()}`;
    await ingest(tenantId, ["Glaciers carve valleys over thousands of years."]);
    const search = newSearch();
    const database = jest.spyOn(reader.search, "semantic");
    expect(await texts(search, tenantId, "glaciers valleys")).toEqual(["Glaciers carve valleys over thousands of years."]);
    expect(database).toHaveBeenCalledTimes(1);

    await search.whenLoaded(tenantId);
    expect(await texts(search, tenantId, "glaciers valleys")).toEqual(["Glaciers carve valleys over thousands of years."]);
    expect(database).toHaveBeenCalledTimes(1);
  }, 60_000);

  it("loads every tenant with chunks at warm-up", async () => {
    const tenants = [`tenant-${randomUUID()}`, `tenant-${randomUUID()}`];
    for (const tenantId of tenants) await ingest(tenantId, [`Copper kettles for ${tenantId}.`]);
    const search = newSearch();
    await search.warmUp();
    const database = jest.spyOn(reader.search, "semantic");
    for (const tenantId of tenants) expect(await texts(search, tenantId, "copper kettles")).toEqual([`Copper kettles for ${tenantId}.`]);
    expect(database).not.toHaveBeenCalled();
  }, 60_000);

  it("holds at most maxChunks chunks, letting the least recently searched tenant go; a tenant over the limit alone is searched in the database", async () => {
    const [amber, basalt, cedar, large] = [1, 2, 3, 4].map(() => `tenant-${randomUUID()}`);
    await ingest(amber, ["Amber lanterns glow in the harbor.", "Amber resin hardens slowly."]);
    await ingest(basalt, ["Basalt columns rise from the sea.", "Basalt cools into hexagons."]);
    await ingest(cedar, ["Cedar planks smell of resin.", "Cedar shingles weather to grey."]);
    await ingest(large, ["Lanterns one.", "Lanterns two.", "Lanterns three.", "Lanterns four.", "Lanterns five."]);
    const search = newSearch(4);
    await search.whenLoaded(amber);
    await search.whenLoaded(basalt);
    const database = jest.spyOn(reader.search, "semantic");
    expect(await texts(search, amber, "amber lanterns harbor", 1)).toEqual(["Amber lanterns glow in the harbor."]);
    expect(database).not.toHaveBeenCalled();

    // Cedar's 2 chunks make 6: basalt, searched least recently, is let go; amber stays.
    await search.whenLoaded(cedar);
    expect(await texts(search, amber, "amber resin", 1)).toEqual(["Amber resin hardens slowly."]);
    expect(await texts(search, cedar, "cedar shingles", 1)).toEqual(["Cedar shingles weather to grey."]);
    expect(database).not.toHaveBeenCalled();
    expect(await texts(search, basalt, "basalt hexagons", 1)).toEqual(["Basalt cools into hexagons."]);
    expect(database).toHaveBeenCalledTimes(1);

    // 5 chunks never fit: the database answers, loaded or not.
    await search.whenLoaded(large);
    expect(await texts(search, large, "lanterns five", 1)).toEqual(["Lanterns five."]);
    expect(database).toHaveBeenCalledTimes(2);
  }, 60_000);

  it("reloads a tenant whole when the change log no longer reaches back to its index, answering from the database meanwhile", async () => {
    const { tenantId, search } = await loadedTenant(["Falcons nest on the canyon walls."]);
    await ingest(tenantId, ["Violins are tuned in fifths."]);
    // As if more than CHUNK_CHANGES_KEPT changes had been written since the index loaded.
    await prisma.$executeRaw`DELETE FROM chunk_changes WHERE tenant_id = ${tenantId}`;
    const database = jest.spyOn(reader.search, "semantic");

    expect(await texts(search, tenantId, "violins tuned fifths", 1)).toEqual(["Violins are tuned in fifths."]);
    expect(database).toHaveBeenCalledTimes(1);
    await search.whenLoaded(tenantId);
    expect(await texts(search, tenantId, "violins tuned fifths", 1)).toEqual(["Violins are tuned in fifths."]);
    expect(database).toHaveBeenCalledTimes(1);
  }, 60_000);
}

describe("In-memory vector search, two instances on PGlite", () => {
  inMemoryVectorSearchSuite(async () => ({ database: await openDatabase({ kind: "pglite", extensions: ["vector"] } satisfies PostgresTarget) }));
});

const pgvectorServer = process.env.TEST_PGVECTOR_DATABASE_URL;
if (pgvectorServer) {
  describe("In-memory vector search, two instances on a PostgreSQL server with pgvector", () => {
    inMemoryVectorSearchSuite(async () => ({ database: await openDatabase({ kind: "server", url: await createTestDatabase(pgvectorServer, "aiwf_content_vectors_test") }) }));
  });
}
