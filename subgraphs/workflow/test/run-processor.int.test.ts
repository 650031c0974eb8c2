import { randomUUID } from "node:crypto";
import { createLogger } from "@aiwf/platform";
import { migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { parseDefinition } from "../src/domain/definition/definition-validation";
import { LOG_START, NO_STREAM, type EventStore, type LoggedEvent } from "../src/domain/event-store";
import { runEvent, runStreamId } from "../src/domain/run/run";
import { createActivities } from "../src/executor/activities";
import { localLlmProviders } from "../src/executor/local-llm";
import { processRun, type ProcessorDeps } from "../src/executor/run-processor";
import { openWorkflowStore, type WorkflowStore } from "../src/store/open-workflow-store";
import { workflowMigrations } from "../src/store/workflow-migrations";

type DefinitionInput = Parameters<typeof parseDefinition>[0];

/**
 * The executor chains steps that need no I/O in memory and appends them together; the log
 * must read exactly as if every decision had been appended on its own, and nothing may leave
 * the process before the decisions it rests on are in the log.
 */
let database: OpenedDatabase;
let store: WorkflowStore;
const tenantId = `tenant-${randomUUID()}`;

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite" });
  await migrateDatabase({ database, ...workflowMigrations });
  store = openWorkflowStore(database);
});
afterAll(async () => {
  await store?.close();
  await database?.close();
});

function deps(events: EventStore, fetchImpl: typeof fetch = fetch): ProcessorDeps {
  return {
    events,
    activities: createActivities({ llm: localLlmProviders(), fetch: fetchImpl }),
    now: () => new Date(),
    random: () => 0.5,
    logger: createLogger({ service: "test", level: "silent" }),
  };
}

async function startedRun(definition: DefinitionInput, input: unknown) {
  const runId = randomUUID();
  await store.events.appendToStream(tenantId, runStreamId(runId), NO_STREAM, [
    runEvent("RunStarted", { runId, workflowId: "wf", workflowVersion: 1, definition: parseDefinition(definition), input, idempotencyKey: null }),
  ]);
  return runId;
}

const summary = async (runId: string) =>
  (await store.events.readStream(tenantId, runStreamId(runId))).map((e) => [e.type, (e.data as { nodeId?: string }).nodeId ?? null]);

async function transactionsOf(runId: string): Promise<bigint[]> {
  const events: LoggedEvent[] = [];
  for (let checkpoint = LOG_START; ; ) {
    const page = await store.events.readAllForward(checkpoint, 1000);
    events.push(...page.events.filter((e) => e.streamId === runStreamId(runId)));
    if (page.events.length < 1000) break;
    checkpoint = page.checkpoint;
  }
  return events.map((e) => e.transactionId);
}

const branching = {
  nodes: [
    { id: "double", type: "transform", config: { expression: "input.n * 2" } },
    { id: "size", type: "condition", config: { expression: 'steps.double > 5 ? "big" : "small"' } },
    { id: "big", type: "transform", config: { expression: "steps.double + 1000" } },
    { id: "small", type: "transform", config: { expression: "steps.double" } },
    { id: "fan", type: "parallel", config: {} },
    { id: "left", type: "transform", config: { expression: "1" } },
    { id: "right", type: "transform", config: { expression: "2" } },
    { id: "all", type: "join", config: {} },
  ],
  edges: [
    { from: "double", to: "size" },
    { from: "size", to: "big", when: "big" },
    { from: "size", to: "small", when: "else" },
    { from: "big", to: "fan" },
    { from: "small", to: "fan" },
    { from: "fan", to: "left" },
    { from: "fan", to: "right" },
    { from: "left", to: "all" },
    { from: "right", to: "all" },
  ],
};

it("records a run of pure steps decision by decision, in one append", async () => {
  const runId = await startedRun(branching, { n: 4 });
  expect(await processRun(deps(store.events), tenantId, runId, new AbortController().signal)).toEqual({ finished: true, wakeAt: null });

  expect(await summary(runId)).toEqual([
    ["RunStarted", null],
    ["StepStarted", "double"],
    ["StepSucceeded", "double"],
    ["StepStarted", "size"],
    ["StepSucceeded", "size"],
    ["StepSkipped", "small"],
    ["StepStarted", "big"],
    ["StepSucceeded", "big"],
    ["StepStarted", "fan"],
    ["StepSucceeded", "fan"],
    ["StepStarted", "left"],
    ["StepSucceeded", "left"],
    ["StepStarted", "right"],
    ["StepSucceeded", "right"],
    ["StepStarted", "all"],
    ["StepSucceeded", "all"],
    ["RunSucceeded", null],
  ]);
  const [run] = await store.runs.findByIds(tenantId, [runId]);
  expect(run).toMatchObject({ status: "SUCCEEDED", output: { all: { left: 1, right: 2 } } });
  const [started, ...rest] = await transactionsOf(runId);
  expect(new Set(rest).size).toBe(1);
  expect(rest[0]).not.toBe(started);
});

it("appends the pure steps an http step depends on before sending its request", async () => {
  const runId = await startedRun(
    {
      nodes: [
        { id: "body", type: "transform", config: { expression: '{ "value": input.n + 1 }' } },
        { id: "call", type: "http", config: { method: "POST", url: "http://side-effect.test/echo", body: "steps.body" } },
        { id: "after", type: "transform", config: { expression: "steps.call.body.value" } },
      ],
      edges: [
        { from: "body", to: "call" },
        { from: "call", to: "after" },
      ],
    },
    { n: 41 },
  );
  let loggedAtRequest: unknown[] = [];
  const fakeFetch = (async (_url: string, init: RequestInit) => {
    loggedAtRequest = await summary(runId);
    return new Response(String(init.body), { status: 200, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;

  await processRun(deps(store.events, fakeFetch), tenantId, runId, new AbortController().signal);

  expect(loggedAtRequest).toEqual([
    ["RunStarted", null],
    ["StepStarted", "body"],
    ["StepSucceeded", "body"],
    ["StepStarted", "call"],
  ]);
  expect((await summary(runId)).slice(4)).toEqual([
    ["StepSucceeded", "call"],
    ["StepStarted", "after"],
    ["StepSucceeded", "after"],
    ["RunSucceeded", null],
  ]);
  expect((await store.runs.findByIds(tenantId, [runId]))[0]).toMatchObject({ status: "SUCCEEDED", output: { after: 42 } });
});

it("drops held steps when the run was cancelled before they were appended, and records only the cancel", async () => {
  const runId = await startedRun(branching, { n: 1 });
  // Another writer cancels the run while the executor is still deciding from RunStarted.
  let cancelled = false;
  const racing: EventStore = {
    readStream: (...args) => store.events.readStream(...args),
    readAllForward: (...args) => store.events.readAllForward(...args),
    async appendToStream(tenant, streamId, expectedVersion, events) {
      if (!cancelled) {
        cancelled = true;
        await store.events.appendToStream(tenant, streamId, expectedVersion, [runEvent("RunCancelled", { reason: "by a user" })]);
      }
      return store.events.appendToStream(tenant, streamId, expectedVersion, events);
    },
  };

  expect(await processRun(deps(racing), tenantId, runId, new AbortController().signal)).toEqual({ finished: true, wakeAt: null });
  expect(await summary(runId)).toEqual([
    ["RunStarted", null],
    ["RunCancelled", null],
  ]);
});
