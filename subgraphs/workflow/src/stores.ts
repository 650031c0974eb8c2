import path from "node:path";
import { openDatabase, type OpenedDatabase, type PostgresTarget } from "@aiwf/platform/postgres";
import type { WorkflowConfig } from "./config";

/** The Postgres server at DATABASE_URL, or the embedded PGlite folder under DATA_DIR. */
export function databaseTarget(config: Pick<WorkflowConfig, "DATABASE_URL" | "DATABASE_POOL_SIZE" | "DATA_DIR">): PostgresTarget {
  return config.DATABASE_URL ? { kind: "server", url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE } : { kind: "pglite", dataDir: path.resolve(config.DATA_DIR, "workflow") };
}

export function openWorkflowDatabase(config: Pick<WorkflowConfig, "DATABASE_URL" | "DATABASE_POOL_SIZE" | "DATA_DIR">): Promise<OpenedDatabase> {
  return openDatabase(databaseTarget(config));
}
