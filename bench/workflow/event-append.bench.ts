/**
 * Event append throughput, batched and as concurrent single appends (each with its
 * optimistic-concurrency check), against a baseline in the same run: the same rows
 * written by plain inserts with no version check and no projection (and on PGlite by its
 * bulk load, COPY; batches of each kind interleaved). The single-insert
 * baseline goes the way single appends go, over the same connections: a prepared statement
 * on the server's pg pool or on the PGlite instance. The `bench-` streams have no read model; the
 * last line appends to run streams as the executor does, so each append also updates the
 * run's read-model row and writes its outbox row, in one transaction.
 *
 *   node -r ./scripts/register.js bench/workflow/event-append.bench.ts
 *   (DATABASE_POOL_SIZE=16 to give the server's pool one connection per writer)
 */
import { randomUUID } from "node:crypto";
import { statementsOn } from "@aiwf/platform/postgres";
import { NO_STREAM } from "../../subgraphs/workflow/src/domain/event-store";
import { runEvent, runStreamId } from "../../subgraphs/workflow/src/domain/run/run";
import { EXECUTOR_METADATA } from "../../subgraphs/workflow/src/store/run-projection";
import { benchTargets, fmt, timed } from "./bench-database";

const BATCH = 1_000;
const BATCHES = 20;
const WARM_UP_BATCHES = 5;
const WRITERS = 16;
const SINGLES_PER_WRITER = 150;
const WARM_UP_PER_WRITER = 50;

const newEvent = (i: number) => ({ type: "BenchEvent", data: { i, payload: "x".repeat(64) } });

/** WRITERS writers at once, each making `perWriter` writes one after another; returns the writes made. */
async function concurrently(perWriter: number, write: (writer: number, index: number) => Promise<unknown>): Promise<number> {
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await write(w, i);
    }),
  );
  return WRITERS * perWriter;
}

async function main() {
  for (const target of await benchTargets()) {
    const { store, name } = target;
    const prisma = store.prisma;
    const { pool, pglite } = target.database;
    type PlainRow = { id: string; tenantId: string; streamId: string; streamVersion: number; type: string; data: Record<string, unknown> };
    const PLAIN_INSERT = {
      name: "bench_plain_insert",
      text: "INSERT INTO events (id, tenant_id, stream_id, stream_version, type, data) VALUES ($1::uuid, $2::text, $3::text, $4::int, $5::text, $6::jsonb)",
    };
    // Prepared on the same connections the store's appends use: the pg pool or the PGlite instance.
    const runStatement = statementsOn(target.database);
    const insertPlain = (row: PlainRow) => runStatement(PLAIN_INSERT, [row.id, row.tenantId, row.streamId, row.streamVersion, row.type, JSON.stringify(row.data)]);
    const tenant = `bench-${randomUUID()}`;

    const appendBatch = (stream: string) => store.events.appendToStream(tenant, stream, 0, Array.from({ length: BATCH }, (_, i) => newEvent(i)));
    const createBatch = (stream: string) =>
      prisma.event.createMany({
        data: Array.from({ length: BATCH }, (_, i) => ({ id: randomUUID(), tenantId: tenant, streamId: stream, streamVersion: i + 1, type: "BenchEvent", data: newEvent(i).data })),
      });
    /** PGlite's own bulk load of the same rows (COPY, no version check): the ceiling for inserting them. */
    const copyBatch =
      pglite &&
      ((stream: string) => {
        const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
        const lines = Array.from({ length: BATCH }, (_, i) =>
          [randomUUID(), tenant, stream, i + 1, "BenchEvent", quoted(JSON.stringify(newEvent(i).data)), "{}", new Date().toISOString()].join(","),
        );
        const copy = "COPY events (id, tenant_id, stream_id, stream_version, type, data, metadata, recorded_at) FROM '/dev/blob' WITH (FORMAT csv)";
        return pglite.query(copy, [], { blob: new Blob([lines.join("\n")]) });
      });
    // Untimed first batches, each side: on PGlite the first seconds run unoptimised WASM (V8 tiers hot functions up as they run).
    for (let b = 0; b < WARM_UP_BATCHES; b++) {
      await appendBatch(`warm-bench-${b}`);
      await createBatch(`warm-raw-${b}`);
      if (copyBatch) await copyBatch(`warm-copy-${b}`);
    }
    // Interleaved batch by batch, so a change in the machine's speed (seen here: 2x within minutes) falls on every side alike.
    const seconds = { append: 0, createMany: 0, copy: 0 };
    const timeOne = async (side: keyof typeof seconds, write: () => Promise<unknown>) => (seconds[side] += (await timed(async () => (await write(), 0))).seconds);
    for (let b = 0; b < BATCHES; b++) {
      await timeOne("append", () => appendBatch(`bench-${b}`));
      await timeOne("createMany", () => createBatch(`raw-${b}`));
      if (copyBatch) await timeOne("copy", () => copyBatch(`copy-${b}`));
    }
    const perSecond = (side: keyof typeof seconds) => (BATCH * BATCHES) / seconds[side];
    const batched = { perSecond: perSecond("append") };
    const batchedBaseline = { perSecond: perSecond("createMany") };
    const batchedCopy = copyBatch && { perSecond: perSecond("copy") };

    const appendSingle = (stream: string) => (w: number, v: number) => store.events.appendToStream(tenant, `${stream}-${w}`, v, [newEvent(v)]);
    const insertSingle = (stream: string) => (w: number, v: number) =>
      insertPlain({ id: randomUUID(), tenantId: tenant, streamId: `${stream}-${w}`, streamVersion: v + 1, type: "BenchEvent", data: newEvent(v).data });
    // Untimed first rounds open every pool connection and prepare each statement on it, so neither timed side pays for that.
    await concurrently(WARM_UP_PER_WRITER, appendSingle("warm-single"));
    await concurrently(WARM_UP_PER_WRITER, insertSingle("warm-raw-single"));
    const singles = await timed(() => concurrently(SINGLES_PER_WRITER, appendSingle("single")));
    const singlesBaseline = await timed(() => concurrently(SINGLES_PER_WRITER, insertSingle("raw-single")));

    const runStreams = Array.from({ length: WRITERS }, () => runStreamId(randomUUID()));
    for (const [w, stream] of runStreams.entries()) {
      const runId = stream.slice("run-".length);
      await store.events.appendToStream(tenant, stream, NO_STREAM, [
        runEvent("RunStarted", { runId, workflowId: "bench", workflowVersion: 1, definition: { nodes: [], edges: [] }, input: { w }, idempotencyKey: null }),
      ]);
    }
    const runAppends = await timed(() =>
      concurrently(SINGLES_PER_WRITER, (w, i) => store.events.appendToStream(tenant, runStreams[w]!, i + 1, [{ ...newEvent(i + 1), metadata: EXECUTOR_METADATA }])),
    );

    console.log(`\n${name} (${pool ? `pg pool of ${pool.options.max ?? 10} connections` : "one in-process connection"}, shared by appends and baselines)`);
    console.log(`  batched appends (${BATCHES} x ${BATCH}):      ${fmt(batched.perSecond)} events/s | baseline plain createMany ${fmt(batchedBaseline.perSecond)} events/s | ratio ${(batched.perSecond / batchedBaseline.perSecond).toFixed(2)}`);
    if (batchedCopy) console.log(`    (PGlite's COPY of the same rows, no version check: ${fmt(batchedCopy.perSecond)} events/s | ratio ${(batched.perSecond / batchedCopy.perSecond).toFixed(2)})`);
    console.log(`  concurrent single appends (${WRITERS} writers): ${fmt(singles.perSecond)} events/s | baseline plain inserts (prepared${pool ? ", pg pool" : ", PGlite"}) ${fmt(singlesBaseline.perSecond)} events/s | ratio ${(singles.perSecond / singlesBaseline.perSecond).toFixed(2)}`);
    console.log(`  concurrent single appends to run streams, with read model and outbox (${WRITERS} writers): ${fmt(runAppends.perSecond)} events/s | ratio to baseline plain inserts ${(runAppends.perSecond / singlesBaseline.perSecond).toFixed(2)}`);
    await target.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
