import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createTestDatabase, openDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import { openContentStores } from "../src/store/content-database";
import { contentStoresContract, type ContentStoresHarness } from "./content-stores.contract";

async function openHarness(target: PostgresTarget, onClose?: () => Promise<void>): Promise<ContentStoresHarness> {
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
}
