import path from "node:path";
import { openDatabase, type OpenedDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import type { ContentConfig } from "./config";

/** The Postgres server at DATABASE_URL (with pgvector), or embedded PGlite with pgvector under DATA_DIR. */
export function databaseTarget(config: Pick<ContentConfig, "DATABASE_URL" | "DATA_DIR">): PostgresTarget {
  if (config.DATABASE_URL) return { kind: "server", url: config.DATABASE_URL };
  return { kind: "pglite", dataDir: path.resolve(config.DATA_DIR, "content"), extensions: ["vector"] };
}

export function openContentDatabase(config: Pick<ContentConfig, "DATABASE_URL" | "DATA_DIR">): Promise<OpenedDatabase> {
  return openDatabase(databaseTarget(config));
}
