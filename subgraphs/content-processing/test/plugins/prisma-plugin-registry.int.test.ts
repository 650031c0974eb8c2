import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { openDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import type { PluginRegistry } from "../../src/plugins/plugin-registry";
import { type ContentStores, openContentStores } from "../../src/store/content-database";
import { pluginRegistryContract } from "./plugin-registry.contract";

/** The content database migrated and its stores opened once per suite; the contract's tests use tenants of their own. */
function withStores(open: () => Promise<{ target: PostgresTarget; onClose?: () => Promise<void> }>): () => PluginRegistry {
  let stores: ContentStores;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { target, onClose } = await open();
    const database = await openDatabase(target);
    stores = await openContentStores(database);
    close = async () => {
      await stores.disconnect();
      await database.close();
      await onClose?.();
    };
  }, 120_000);
  afterAll(() => close?.());
  return () => stores.plugins;
}

describe("PrismaPluginRegistry on in-memory PGlite", () => {
  pluginRegistryContract("prisma-pglite", withStores(async () => ({ target: { kind: "pglite", extensions: ["vector"] } })));
});

// The production adapter (`pg` over the wire protocol), against PGlite served by
// pglite-socket: the content migrations need pgvector, which this machine's server lacks.
describe("PrismaPluginRegistry over the Postgres wire protocol (pg adapter, PGlite socket server)", () => {
  pluginRegistryContract(
    "prisma-wire",
    withStores(async () => {
      const db = await PGlite.create({ extensions: { vector } });
      const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
      await server.start();
      return {
        target: { kind: "server", url: `postgres://postgres@${server.getServerConn()}/postgres` },
        onClose: async () => {
          await server.stop();
          await db.close();
        },
      };
    }),
  );
});
