import { createIdempotentHandler, InMemoryProcessedEventLog, type EventEnvelope } from "@aiwf/platform/events";
import { openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { testIdentity } from "@aiwf/platform/testkit";
import { PrismaClient } from "../src/store/generated/prisma/client";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";

let app: AppFixture;
let database: OpenedDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite" });
  app = await startApp({ database });
  prisma = new PrismaClient({ adapter: database.adapterFactory });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await app?.stop();
});

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("run updates on the event bus (transactional outbox)", () => {
  it("publishes every transition of a run in order, and consumers dedupe a relay's republication by event id", async () => {
    const alice = testIdentity();
    const received: Array<EventEnvelope<"workflow.run.updated">> = [];
    const effects: string[] = [];
    await app.bus.subscribe("workflow.run.updated", "test-watcher", (event) => void received.push(event));
    const seen = new InMemoryProcessedEventLog();
    await app.bus.subscribe("workflow.run.updated", "test-effects", createIdempotentHandler(seen, (event) => void effects.push(event.id)));

    const workflowId = await activeWorkflow(app, alice, {
      nodes: [
        { id: "a", type: "transform", config: { expression: "1" } },
        { id: "b", type: "transform", config: { expression: "steps.a + 1" } },
      ],
      edges: [{ from: "a", to: "b" }],
    });
    const run = await startRun(app, alice, workflowId);
    await waitForRun(app, alice, run.id, isStatus("SUCCEEDED"));
    const forRun = () => received.filter((event) => event.payload.runId === run.id);
    await until(() => forRun().some((event) => event.payload.eventType === "RunSucceeded"), "RunSucceeded on the bus");

    const events = forRun();
    expect(events.map((event) => event.payload.sequence)).toEqual(events.map((_, index) => index + 1));
    expect(events.map((event) => [event.payload.eventType, event.payload.step ?? null, event.payload.stepStatus ?? null])).toEqual([
      ["RunStarted", null, null],
      ["StepStarted", "a", "RUNNING"],
      ["StepSucceeded", "a", "SUCCEEDED"],
      ["StepStarted", "b", "RUNNING"],
      ["StepSucceeded", "b", "SUCCEEDED"],
      ["RunSucceeded", null, null],
    ]);
    expect(events.every((event) => event.tenantId === alice.tenantId && event.payload.workflowId === workflowId)).toBe(true);
    const history = await prisma.event.findMany({ where: { tenantId: alice.tenantId, streamId: `run-${run.id}` }, orderBy: { streamVersion: "asc" } });
    expect(events.map((event) => event.id)).toEqual(history.map((event) => event.id));

    // A relay that died after publishing but before marking publishes the batch again: same ids.
    await until(() => effects.filter((id) => history.some((event) => event.id === id)).length === history.length, "effects");
    await prisma.outboxMessage.updateMany({ where: { eventId: { in: history.map((event) => event.id) } }, data: { publishedAt: null } });
    await until(() => forRun().length === 2 * history.length, "the republication");
    expect(effects.filter((id) => history.some((event) => event.id === id)).sort()).toEqual(history.map((event) => event.id).sort());
  });
});
