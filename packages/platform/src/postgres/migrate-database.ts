import type { Logger } from "../logging";
import { readMigrationList, readSchemaFile } from "./migration-files";
import type { OpenedDatabase } from "./open-database";
import { createSchemaEngine } from "./schema-engine";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface MigrateOptions {
  database: OpenedDatabase;
  schemaPath: string;
  migrationsDir: string;
  logger?: Logger;
}

/**
 * Applies the pending migrations of `migrationsDir` and records them in `_prisma_migrations`,
 * like `prisma migrate deploy`: already applied migrations are skipped, so a second call
 * applies nothing. Concurrent migrators of one database wait for each other.
 */
export async function migrateDatabase({ database, schemaPath, migrationsDir, logger }: MigrateOptions): Promise<{ applied: string[] }> {
  const migrationsList = readMigrationList(migrationsDir);
  const log = (line: string) => logger?.trace({ schemaEngine: line }, "schema engine");
  const { appliedMigrationNames } = await withSchemaEngine(database, readSchemaFile(schemaPath), log, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  );
  if (appliedMigrationNames.length > 0) logger?.info({ applied: appliedMigrationNames }, "applied database migrations");
  return { applied: appliedMigrationNames };
}

/**
 * The SQL that takes a database from the state `migrationsDir` leaves it in to the one
 * `schemaPath` describes; empty when they agree. Replays the migrations on a shadow
 * database, so `database` may be an in-memory PGlite.
 */
export async function diffMigrations({ database, schemaPath, migrationsDir }: Omit<MigrateOptions, "logger">): Promise<string> {
  const schema = readSchemaFile(schemaPath);
  const history = readMigrationList(migrationsDir);
  // The engine reads the connector from migration_lock.toml, which a first migration lacks.
  const from = history.migrationDirectories.length > 0 ? { tag: "migrations" as const, ...history } : { tag: "empty" as const };
  const { stdout } = await withSchemaEngine(database, schema, undefined, (engine) =>
    engine.diff({ from, to: { tag: "schemaDatamodel", files: [schema] }, script: true, exitCode: null, filters: NO_FILTERS }),
  );
  return stdout ?? "";
}

async function withSchemaEngine<T>(
  database: OpenedDatabase,
  schema: { path: string; content: string },
  log: ((line: string) => void) | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  return database.forMigration(async (adapterFactory) => {
    const session = await createSchemaEngine(adapterFactory, schema, log);
    try {
      return await session.call(work);
    } finally {
      session.end();
    }
  });
}
