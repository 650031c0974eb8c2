/**
 * Event append throughput, batched and as concurrent single appends (each with its
 * optimistic-concurrency check), against a baseline in the same run: the same rows
 * written by plain inserts with no version check and no projection. The `bench-` streams
 * have no read model; the last line appends to run streams as the executor does, so each
 * append also updates the run's read-model row and writes its outbox row, in one transaction.
 *
 *   node -r ./scripts/register.js bench/workflow/event-append.bench.ts
 */
import { randomUUID } from "node:crypto";
import { NO_STREAM } from "../../subgraphs/workflow/src/domain/event-store";
import { runEvent, runStreamId } from "../../subgraphs/workflow/src/domain/run/run";
import { EXECUTOR_METADATA } from "../../subgraphs/workflow/src/store/run-projection";
import { benchTargets, fmt, timed } from "./bench-database";

const BATCH = 1_000;
const BATCHES = 20;
const WRITERS = 16;
const SINGLES_PER_WRITER = 150;

const newEvent = (i: number) => ({ type: "BenchEvent", data: { i, payload: "x".repeat(64) } });

async function main() {
  for (const target of await benchTargets()) {
    const { store, name } = target;
    const prisma = store.prisma;
    const tenant = `bench-${randomUUID()}`;

    const batched = await timed(async () => {
      for (let b = 0; b < BATCHES; b++) await store.events.appendToStream(tenant, `bench-${b}`, 0, Array.from({ length: BATCH }, (_, i) => newEvent(i)));
      return BATCH * BATCHES;
    });
    const batchedBaseline = await timed(async () => {
      for (let b = 0; b < BATCHES; b++) {
        await prisma.event.createMany({
          data: Array.from({ length: BATCH }, (_, i) => ({ id: randomUUID(), tenantId: tenant, streamId: `raw-${b}`, streamVersion: i + 1, type: "BenchEvent", data: newEvent(i).data })),
        });
      }
      return BATCH * BATCHES;
    });

    const singles = await timed(async () => {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let v = 0; v < SINGLES_PER_WRITER; v++) await store.events.appendToStream(tenant, `single-${w}`, v, [newEvent(v)]);
        }),
      );
      return WRITERS * SINGLES_PER_WRITER;
    });
    const singlesBaseline = await timed(async () => {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let v = 0; v < SINGLES_PER_WRITER; v++) {
            await prisma.event.create({ data: { id: randomUUID(), tenantId: tenant, streamId: `raw-single-${w}`, streamVersion: v + 1, type: "BenchEvent", data: newEvent(v).data } });
          }
        }),
      );
      return WRITERS * SINGLES_PER_WRITER;
    });

    const runStreams = Array.from({ length: WRITERS }, () => runStreamId(randomUUID()));
    for (const [w, stream] of runStreams.entries()) {
      const runId = stream.slice("run-".length);
      await store.events.appendToStream(tenant, stream, NO_STREAM, [
        runEvent("RunStarted", { runId, workflowId: "bench", workflowVersion: 1, definition: { nodes: [], edges: [] }, input: { w }, idempotencyKey: null }),
      ]);
    }
    const runAppends = await timed(async () => {
      await Promise.all(
        runStreams.map(async (stream) => {
          for (let v = 1; v <= SINGLES_PER_WRITER; v++) await store.events.appendToStream(tenant, stream, v, [{ ...newEvent(v), metadata: EXECUTOR_METADATA }]);
        }),
      );
      return WRITERS * SINGLES_PER_WRITER;
    });

    console.log(`\n${name}`);
    console.log(`  batched appends (${BATCHES} x ${BATCH}):      ${fmt(batched.perSecond)} events/s | baseline plain createMany ${fmt(batchedBaseline.perSecond)} events/s | ratio ${(batched.perSecond / batchedBaseline.perSecond).toFixed(2)}`);
    console.log(`  concurrent single appends (${WRITERS} writers): ${fmt(singles.perSecond)} events/s | baseline plain inserts ${fmt(singlesBaseline.perSecond)} events/s | ratio ${(singles.perSecond / singlesBaseline.perSecond).toFixed(2)}`);
    console.log(`  concurrent single appends to run streams, with read model and outbox (${WRITERS} writers): ${fmt(runAppends.perSecond)} events/s | ratio to baseline plain inserts ${(runAppends.perSecond / singlesBaseline.perSecond).toFixed(2)}`);
    await target.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
