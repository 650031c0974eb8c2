import { mkdirSync } from "node:fs";
import { PGlite, type Extensions } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

export type PostgresTarget =
  /** Real Postgres compiled to WASM, in this process. No `dataDir` = in memory. */
  | { kind: "pglite"; dataDir?: string; extensions?: Array<"vector"> }
  /** Any server speaking the Postgres wire protocol; `poolSize` connections at most (pg's default, 10, when unset). */
  | { kind: "server"; url: string; poolSize?: number };

export interface OpenedDatabase {
  /** Pass to `new PrismaClient({ adapter })`; migration-aware, so the schema engine uses it too. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * On a server, the pg pool behind `adapterFactory` (same connections), for the few hot
   * statements worth preparing: Prisma's per-query overhead and re-planning roughly halve
   * single-statement throughput. Absent on PGlite.
   */
  pool?: Pool;
  /**
   * On PGlite, the instance behind `adapterFactory` (the one connection), for the same few hot
   * statements (see `preparePGliteStatement`). Its `query` and prepared statements wait for any
   * transaction Prisma holds open, so they never land inside one; bare `execProtocol` does not
   * wait. Absent on a server.
   */
  pglite?: PGlite;
  /** Resolves when the database answers a query (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `work` (a schema engine session) while no other migrator of this database runs: a
   * Postgres advisory lock on a server (test workers and replicas migrate one database at
   * once), a queue in-process for PGlite (one process owns its folder). The adapter it gets
   * is the migration's own: see `openServer`.
   */
  forMigration<T>(work: (adapterFactory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T>;
}

/** Distinct from the lock Prisma's engine takes itself (72707369), so ours and its never wait on each other. */
const MIGRATION_LOCK_KEY = 7_247_101;

const EXTENSIONS = { vector } satisfies Extensions;

export async function openDatabase(target: PostgresTarget): Promise<OpenedDatabase> {
  return target.kind === "pglite" ? openPGlite(target) : openServer(target.url, target.poolSize);
}

async function openPGlite(target: { dataDir?: string; extensions?: Array<"vector"> }): Promise<OpenedDatabase> {
  const extensions = Object.fromEntries((target.extensions ?? []).map((name) => [name, EXTENSIONS[name]]));
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const db = await PGlite.create({ ...(target.dataDir ? { dataDir: target.dataDir } : {}), extensions });
  // `as never`: the adapter's types name the PGlite it resolves (an older one hoisted at the root).
  const adapterFactory = withShadowDatabase(new PrismaPGlite(db as never), extensions);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    adapterFactory,
    pglite: db,
    ping: async () => void (await db.query("SELECT 1")),
    close: () => db.close(),
    forMigration(work) {
      const run = queue.then(() => work(adapterFactory));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * The adapter's own shadow database is a PGlite of whatever version it resolves, without
 * extensions; diffing migrations that `CREATE EXTENSION vector` needs ours. Only
 * `diffMigrations` (a script) uses it, so it lives as long as the process.
 */
function withShadowDatabase(factory: PrismaPGlite, extensions: Extensions): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => new PrismaPGlite((await PGlite.create({ extensions })) as never).connect(),
  };
}

async function openServer(url: string, poolSize?: number): Promise<OpenedDatabase> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  return {
    adapterFactory: new PrismaPg(pool),
    pool,
    ping: async () => void (await pool.query("SELECT 1")),
    close: () => pool.end(),
    async forMigration(work) {
      const session = await pool.connect();
      // Prisma's engine takes pg_advisory_lock(72707369) and never unlocks it, expecting its
      // connection to close: on our long-lived pool it stayed held, and every later migrator
      // waited 10 s for it. So the engine gets a pool of its own, ended after the migration.
      const migrationPool = new Pool({ connectionString: url });
      migrationPool.on("error", () => undefined);
      try {
        await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        return await work(new PrismaPg(migrationPool));
      } finally {
        await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
        session.release();
        await migrationPool.end();
      }
    },
  };
}
