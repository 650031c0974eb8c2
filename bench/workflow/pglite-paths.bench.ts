/**
 * Where an append's time goes on PGlite: the same append statement through Prisma's raw
 * query, PGlite's `query` (unnamed statement: parse, describe, bind, execute each time, and
 * planned each time), and prepared once then only bound and executed; single events and
 * batches of 1,000 against plain inserts; in memory (as the benches run) and in a data folder
 * (as `npm start` runs, DATA_DIR/workflow). PGlite runs Postgres with fsync off (-F) and its
 * Node file system has nothing to flush, so `relaxedDurability` changes nothing here.
 *
 *   node -r ./scripts/register.js bench/workflow/pglite-paths.bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createLogger } from "@aiwf/platform";
import { migrateDatabase, openDatabase, preparePGliteStatement } from "@aiwf/platform/postgres";
import { openWorkflowStore } from "../../subgraphs/workflow/src/store/open-workflow-store";
import { APPEND_SQL } from "../../subgraphs/workflow/src/store/prisma-event-store";
import { workflowMigrations } from "../../subgraphs/workflow/src/store/workflow-migrations";
import { fmt, timed } from "./bench-database";

const N = 2_000;
/** The event store's own append statement, one event per run here. */
const SQL = APPEND_SQL;
const values = (stream: string, v: number) => ["t", stream, new Date(), JSON.stringify([{ id: randomUUID(), version: v + 1, type: "B", data: { v, payload: "x".repeat(64) }, metadata: {} }]), v];

async function main() {
  const logger = createLogger({ service: "bench", level: "silent" });
  for (const where of ["memory", "disk"] as const) {
    const dir = where === "disk" ? mkdtempSync(join(tmpdir(), "pglite-bench-")) : undefined;
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrateDatabase({ database, ...workflowMigrations, logger });
    const store = openWorkflowStore(database);
    const db = database.pglite;
    const run = async (name: string, one: (stream: string, v: number) => Promise<unknown>) => {
      const stream = `${name}-${randomUUID()}`;
      for (let v = 0; v < 100; v++) await one(`warm-${stream}`, v);
      const r = await timed(async () => {
        for (let v = 0; v < N; v++) await one(stream, v);
        return N;
      });
      console.log(`  ${name.padEnd(44)} ${fmt(r.perSecond)} appends/s (${((r.seconds / N) * 1e6).toFixed(0)} us each)`);
    };
    console.log(`\npglite ${where}`);
    await run("prisma $queryRawUnsafe", (s, v) => store.prisma.$queryRawUnsafe(SQL, ...values(s, v)));
    await run("prisma $transaction + $queryRawUnsafe", (s, v) => store.prisma.$transaction((tx) => tx.$queryRawUnsafe(SQL, ...values(s, v))));
    if (db) {
      await run("pglite query", (s, v) => db.query(SQL, values(s, v)));
      await run("pglite transaction + query", (s, v) => db.transaction((tx) => tx.query(SQL, values(s, v))));
      const prepared = preparePGliteStatement(db, "bench_append", SQL);
      await run("pglite prepared (bind+execute+sync, 1 call)", (s, v) => prepared(values(s, v)));
      await run("pglite query SELECT 1 (floor)", () => db.query("SELECT 1"));
      await run("pglite exec SELECT 1 (floor)", () => db.exec("SELECT 1"));
      const batch = (v0: number) => JSON.stringify(Array.from({ length: 1_000 }, (_, i) => ({ id: randomUUID(), version: v0 + i + 1, type: "B", data: { i, payload: "x".repeat(64) }, metadata: {} })));
      const runBatches = async (name: string, one: (stream: string, rows: string) => Promise<unknown>) => {
        const r = await timed(async () => {
          for (let b = 0; b < 10; b++) await one(`${name}-${randomUUID()}`, batch(0));
          return 10_000;
        });
        console.log(`  ${name.padEnd(44)} ${fmt(r.perSecond)} events/s in batches of 1,000`);
      };
      await runBatches("batch: prisma $queryRawUnsafe", (s, rows) => store.prisma.$queryRawUnsafe(SQL, "t", s, new Date(), rows, 0));
      await runBatches("batch: prepared append", (s, rows) => prepared(["t", s, new Date(), rows, 0]));
      await runBatches("batch: pglite query, no version check", (s, rows) => db.query(`INSERT INTO events (id, tenant_id, stream_id, stream_version, type, data, metadata, recorded_at)
        SELECT e.id, 't', $1, e.version, e.type, e.data, e.metadata, now() FROM jsonb_to_recordset($2::jsonb) AS e(id uuid, version int, type text, data jsonb, metadata jsonb)`, [s, rows]));
      await runBatches("batch: jsonb_to_recordset only (SELECT count)", (_s, rows) => db.query(`SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, version int, type text, data jsonb, metadata jsonb)`, [rows]));
      await run("store.appendToStream (bench- stream)", (s, v) => store.events.appendToStream("t", `bench-${s}`, v, [{ type: "B", data: { v, payload: "x".repeat(64) } }]));
    }
    await store.close();
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
