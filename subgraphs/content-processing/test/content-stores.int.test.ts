import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createTestDatabase, openDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import { InMemoryVectorSearch } from "../src/domain/in-memory-vector-search";
import type { SearchIndex } from "../src/domain/search-index";
import { EMBEDDING_DIMENSIONS } from "../src/embedding/embedding-provider";
import { type ContentStores, openContentStores } from "../src/store/content-database";
import { UsearchVectorIndex } from "../src/store/usearch-vector-index";
import { contentStoresContract, type ContentStoresHarness } from "./content-stores.contract";

async function openHarness(target: PostgresTarget, onClose?: () => Promise<void>): Promise<ContentStoresHarness & ContentStores> {
  const database = await openDatabase(target);
  const stores = await openContentStores(database);
  return {
    ...stores,
    async close() {
      await stores.disconnect();
      await database.close();
      await onClose?.();
    },
  };
}

describe("Content stores on in-memory PGlite with pgvector", () => {
  contentStoresContract(() => openHarness({ kind: "pglite", extensions: ["vector"] }));
});

/*
 * Semantic search from the in-memory vector index: every search waits for the tenant's
 * vectors to be loaded, so that it is the index (kept current through the chunk change
 * log), not the database's fallback, that answers.
 */
async function withInMemoryVectors(opened: Promise<ContentStoresHarness & ContentStores>): Promise<ContentStoresHarness> {
  const harness = await opened;
  const memory = new InMemoryVectorSearch({
    source: harness.embeddings,
    database: harness.search,
    createIndex: () => new UsearchVectorIndex({ dimensions: EMBEDDING_DIMENSIONS }),
  });
  const search: SearchIndex = {
    semantic: async (tenantId, ...rest) => {
      await memory.whenLoaded(tenantId);
      return memory.semantic(tenantId, ...rest);
    },
    keyword: (...args) => memory.keyword(...args),
    similar: (...args) => memory.similar(...args),
  };
  return { ...harness, search };
}

describe("Content stores with the in-memory vector index in front of PGlite", () => {
  contentStoresContract(() => withInMemoryVectors(openHarness({ kind: "pglite", extensions: ["vector"] })));
});

/*
 * The production adapter (`pg` over the wire protocol) needs a server with pgvector, which
 * this machine's PostgreSQL lacks: PGlite with pgvector, served by pglite-socket, is one.
 */
describe("Content stores over the Postgres wire protocol (pg adapter, PGlite socket server)", () => {
  contentStoresContract(async () => {
    const db = await PGlite.create({ extensions: { vector } });
    // The migrator holds one connection for its lock while the engine uses others.
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
    await server.start();
    return openHarness({ kind: "server", url: `postgres://postgres@${server.getServerConn()}/postgres` }, async () => {
      await server.stop();
      await db.close();
    });
  });
});

/*
 * A real pgvector server (e.g. docker-compose's pgvector image) when one is named. The
 * PostgreSQL on CI machines has no pgvector package, so there the wire-protocol suite
 * above is the production-adapter check.
 */
const pgvectorServer = process.env.TEST_PGVECTOR_DATABASE_URL;
if (pgvectorServer) {
  describe("Content stores on a PostgreSQL server with pgvector (TEST_PGVECTOR_DATABASE_URL)", () => {
    contentStoresContract(async () => openHarness({ kind: "server", url: await createTestDatabase(pgvectorServer, "aiwf_content_store_test") }));
  });
  describe("Content stores with the in-memory vector index in front of a PostgreSQL server with pgvector", () => {
    contentStoresContract(async () =>
      withInMemoryVectors(openHarness({ kind: "server", url: await createTestDatabase(pgvectorServer, "aiwf_content_store_test") })),
    );
  });
}
