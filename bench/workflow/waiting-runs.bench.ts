/**
 * Memory of parked runs: the JS heap one executor process holds per run parked at
 * `waitForSignal` (goal: at most 200 KB): 10,000 runs appended to the event store and
 * advanced by the real app's executor until each waits. Baselines in the same run: the idle app before any run, and the heap of
 * 10,000 plain run read-model objects held in an array (what "keeping every run in memory"
 * would cost).
 *
 *   node -r ./scripts/register.js bench/workflow/waiting-runs.bench.ts
 *
 * Uses the Postgres server at BENCH_DATABASE_URL or TEST_DATABASE_URL when set (the database
 * is then outside this process), else in-memory PGlite (whose WASM memory is not JS heap).
 * RUNS overrides the number of runs.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createLogger } from "@aiwf/platform";
import { InProcessEventBus } from "@aiwf/platform/events";
import { createTestDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { callSubgraph, testIdentity, TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";
import { randomUUID } from "node:crypto";
import { createApp } from "../../subgraphs/workflow/src/app";
import { NO_STREAM } from "../../subgraphs/workflow/src/domain/event-store";
import { runEvent, runStreamId } from "../../subgraphs/workflow/src/domain/run/run";
import { openWorkflowStore } from "../../subgraphs/workflow/src/store/open-workflow-store";
import { createPrismaClient } from "../../subgraphs/workflow/src/store/prisma-client";
import { fmt } from "./bench-database";

const RUNS = Number(process.env.RUNS ?? 10_000);
const GOAL_KB = 200;
const CONCURRENT_STARTS = 16;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap in use after full collections, so only what is reachable counts. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function openTarget(): Promise<{ name: string; database: OpenedDatabase; url?: string }> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) return { name: "pglite (in this process)", database: await openDatabase({ kind: "pglite" }) };
  const url = await createTestDatabase(server, "aiwf_workflow_waiting_bench");
  return { name: "postgres", database: await openDatabase({ kind: "server", url }), url };
}

async function main() {
  const logger = createLogger({ service: "bench", level: "silent" });
  const { name, database, url } = await openTarget();
  const bus = new InProcessEventBus({ logger });
  const app = await createApp({ database, events: bus, logger, port: 0, host: "127.0.0.1", internalTokenSecret: TEST_INTERNAL_SECRET }).start();
  // On a server, a connection of the bench's own watches the runs park (in both heap figures).
  const watcher = url ? await openDatabase({ kind: "server", url }) : undefined;
  const prisma = watcher ? createPrismaClient(watcher) : undefined;
  const who = testIdentity();
  const call = async (query: string, variables: Record<string, unknown>) => {
    const result = (await callSubgraph(app.url, { query, variables }, who, TEST_INTERNAL_SECRET)) as { data: any; errors?: unknown[] };
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const definition = { nodes: [{ id: "approve", type: "waitForSignal", config: { signal: "approved" } }], edges: [] };
  const workflowId = (await call(`mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }`, { input: { name: "approval", definition } })).createWorkflow.id;
  await call(`mutation ($id: ID!) { activateWorkflow(id: $id) { id } }`, { id: workflowId });
  const waitingCount = async () =>
    prisma
      ? prisma.workflowRun.count({ where: { tenantId: who.tenantId, status: "WAITING" } })
      : ((await call(`query ($id: ID!) { workflow(id: $id) { runs(status: WAITING) { totalCount } } }`, { id: workflowId })).workflow.runs.totalCount as number);

  const starter = openWorkflowStore(database);
  const idle = await settledHeap();

  const started = Date.now();
  // Started straight into the event store (what startRun appends), so the figure is the
  // executor's, not a GraphQL client's; the app's executor finds them by polling.
  const runIds = Array.from({ length: RUNS }, () => randomUUID());
  const { definition: stored, version } = (await starter.workflows.findByIds(who.tenantId, [workflowId]))[0]!;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT_STARTS }, async () => {
      while (next < RUNS) {
        const runId = runIds[next++]!;
        const started = runEvent("RunStarted", { runId, workflowId, workflowVersion: version, definition: stored, input: null, idempotencyKey: null });
        await starter.events.appendToStream(who.tenantId, runStreamId(runId), NO_STREAM, [started]);
      }
    }),
  );
  const startSeconds = (Date.now() - started) / 1000;
  while ((await waitingCount()) < RUNS) await new Promise((resolve) => setTimeout(resolve, 200));
  const parkSeconds = (Date.now() - started) / 1000;
  // Let the executor settle its last leases before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const parked = await settledHeap();

  // Baseline: the same number of run read-model objects, all held.
  const readModel = starter.runs;
  const beforeObjects = await settledHeap();
  const held = [];
  for (let i = 0; i < runIds.length; i += 500) held.push(...(await readModel.findByIds(who.tenantId, runIds.slice(i, i + 500))));
  const withObjects = await settledHeap();
  if (held.length !== RUNS) throw new Error(`read ${held.length} runs back, expected ${RUNS}`);

  const perParked = (parked - idle) / RUNS;
  const perObject = (withObjects - beforeObjects) / RUNS;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`\nwaiting runs, ${name}: ${fmt(RUNS)} runs started in ${startSeconds.toFixed(1)} s, all parked at waitForSignal after ${parkSeconds.toFixed(1)} s`);
  console.table([
    { measure: "idle executor (baseline)", heap: mb(idle), "per run": "-" },
    { measure: `${fmt(RUNS)} runs parked at waitForSignal`, heap: mb(parked), "per run": kb(perParked) },
    { measure: `${fmt(RUNS)} run read-model objects held (baseline)`, heap: mb(withObjects - beforeObjects), "per run": kb(perObject) },
  ]);
  console.log(`heap per parked run ${kb(perParked)} (goal <= ${GOAL_KB} KB): ${perParked <= GOAL_KB * 1024 ? "met" : "NOT met"}`);

  held.length = 0;
  // The bench database outlives the run: leave no parked work for the next one's executor.
  await prisma?.runTask.deleteMany({ where: { tenantId: who.tenantId } });
  await prisma?.$disconnect();
  await watcher?.close();
  await starter.close();
  await app.stop();
  await bus.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
