import { createLogger } from "@aiwf/platform";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { openWorkflowStore, type WorkflowStore } from "../../subgraphs/workflow/src/store/open-workflow-store";
import { workflowMigrations } from "../../subgraphs/workflow/src/store/workflow-migrations";

export interface BenchTarget {
  name: string;
  database: OpenedDatabase;
  store: WorkflowStore;
  close(): Promise<void>;
}

/** In-memory PGlite always; the Postgres server too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export async function benchTargets(): Promise<BenchTarget[]> {
  const logger = createLogger({ service: "bench", level: "silent" });
  const targets: Array<[string, OpenedDatabase]> = [["pglite", await openDatabase({ kind: "pglite" })]];
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // DATABASE_POOL_SIZE as the workflow service reads it (unset or 0: pg's default).
  const poolSize = Number(process.env.DATABASE_POOL_SIZE) || undefined;
  if (server) targets.push(["postgres", await openDatabase({ kind: "server", url: await createTestDatabase(server, "aiwf_workflow_bench"), poolSize })]);
  const opened: BenchTarget[] = [];
  for (const [name, database] of targets) {
    await migrateDatabase({ database, ...workflowMigrations, logger });
    const store = openWorkflowStore(database);
    opened.push({ name, database, store, close: async () => (await store.close(), await database.close()) });
  }
  return opened;
}

export async function timed(work: () => Promise<number>): Promise<{ count: number; seconds: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  const count = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}

export const fmt = (value: number) => Math.round(value).toLocaleString("en-US");
