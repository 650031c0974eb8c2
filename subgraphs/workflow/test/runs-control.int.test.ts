import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { CANCEL, RETRY, SIGNAL, UPDATE } from "./run-queries";
import { startSideEffectServer } from "./side-effect-server";

let app: AppFixture;
let endpoint: Awaited<ReturnType<typeof startSideEffectServer>>;

beforeAll(async () => {
  endpoint = await startSideEffectServer();
  app = await startApp({ random: () => 0.5 });
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

const fast = { initialDelayMs: 10, maxDelayMs: 50 };
const keysOf = (path: string) => endpoint.calls.filter((call) => call.path === path).map((call) => call.idempotencyKey);

describe("steering runs", () => {
  it("refuses a stale expectedVersion and an invalid definition; a run keeps the definition it started with", async () => {
    const alice = testIdentity();
    const v1 = { nodes: [{ id: "wait", type: "waitForSignal", config: { signal: "go" } }, { id: "out", type: "transform", config: { expression: "'v1'" } }], edges: [{ from: "wait", to: "out" }] };
    const workflowId = await activeWorkflow(app, alice, v1);
    const run = await startRun(app, alice, workflowId);
    await waitForRun(app, alice, run.id, isStatus("WAITING"));

    const stale = await app.call(UPDATE, { id: workflowId, v: 1, input: { name: "renamed" } }, alice);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    const invalid = await app.call(UPDATE, { id: workflowId, v: 2, input: { definition: { nodes: [{ id: "x", type: "transform", config: { expression: "(" } }], edges: [] } } }, alice);
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.definition.nodes[0].config.expression" });
    const v2 = { ...v1, nodes: [v1.nodes[0], { id: "out", type: "transform", config: { expression: "'v2'" } }] };
    const updated = await app.call(UPDATE, { id: workflowId, v: 2, input: { definition: v2 } }, alice);
    expect(updated.data.updateWorkflow).toMatchObject({ version: 3, status: "ACTIVE" });

    await app.call(SIGNAL, { id: run.id, signal: "go", payload: {} }, alice);
    const done = await waitForRun(app, alice, run.id, isStatus("SUCCEEDED", "FAILED"));
    expect(done).toMatchObject({ status: "SUCCEEDED", workflowVersion: 2, output: { out: "v1" } });
    const next = await startRun(app, alice, workflowId);
    await waitForRun(app, alice, next.id, isStatus("WAITING"));
    await app.call(SIGNAL, { id: next.id, signal: "go", payload: {} }, alice);
    expect((await waitForRun(app, alice, next.id, isStatus("SUCCEEDED"))).output).toEqual({ out: "v2" });
  });

  it("retries a retryable failure with backoff, one idempotency key per attempt", async () => {
    const bob = testIdentity();
    endpoint.on("/flaky", (_call, count) => (count <= 2 ? { status: 503 } : undefined));
    const workflowId = await activeWorkflow(app, bob, { nodes: [{ id: "call", type: "http", config: { method: "GET", url: `${endpoint.url}/flaky` }, retry: { maxAttempts: 3, ...fast } }], edges: [] });
    const run = await startRun(app, bob, workflowId);
    const done = await waitForRun(app, bob, run.id, isStatus("SUCCEEDED", "FAILED"));
    expect(done.status).toBe("SUCCEEDED");
    expect(done.steps[0]).toMatchObject({ status: "SUCCEEDED", attempt: 3 });
    expect(keysOf("/flaky")).toEqual([1, 2, 3].map((attempt) => `${run.id}:call:${attempt}`));
  });

  it("fails at once on a non-retryable error, then retryRun resumes from the failed step keeping completed ones", async () => {
    const carol = testIdentity();
    let broken = true;
    endpoint.on("/first", () => undefined);
    endpoint.on("/second", () => (broken ? { status: 422 } : undefined));
    const workflowId = await activeWorkflow(app, carol, {
      nodes: [
        { id: "first", type: "http", config: { method: "POST", url: `${endpoint.url}/first` }, retry: fast },
        { id: "second", type: "http", config: { method: "POST", url: `${endpoint.url}/second` }, retry: fast },
      ],
      edges: [{ from: "first", to: "second" }],
    });
    const run = await startRun(app, carol, workflowId);
    const failed = await waitForRun(app, carol, run.id, isStatus("SUCCEEDED", "FAILED"));
    expect(failed).toMatchObject({ status: "FAILED", error: { nodeId: "second", code: "HTTP_422" } });
    expect(failed.steps[1]).toMatchObject({ status: "FAILED", attempt: 1, error: { retryable: false } });

    broken = false;
    expect((await app.call(RETRY, { id: run.id }, carol)).errors).toBeUndefined();
    const done = await waitForRun(app, carol, run.id, isStatus("SUCCEEDED", "FAILED"));
    expect(done).toMatchObject({ status: "SUCCEEDED", error: null }); // the failure that was retried is no longer the run's error
    expect(keysOf("/first")).toEqual([`${run.id}:first:1`]);
    expect(keysOf("/second")).toEqual([`${run.id}:second:1`, `${run.id}:second:2`]);
    expect((await app.call(RETRY, { id: run.id }, carol)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("times out a slow attempt, and cancellation aborts an in-flight step", async () => {
    const dave = testIdentity();
    endpoint.on("/slow", () => ({ status: 200, delayMs: 5_000 }));
    const slow = { id: "slow", type: "http", config: { method: "GET", url: `${endpoint.url}/slow` } };
    const timing = await activeWorkflow(app, dave, { nodes: [{ ...slow, timeoutMs: 100, retry: { maxAttempts: 1 } }], edges: [] });
    const timedOut = await waitForRun(app, dave, (await startRun(app, dave, timing)).id, isStatus("SUCCEEDED", "FAILED"));
    expect(timedOut).toMatchObject({ status: "FAILED", error: { code: "TIMEOUT" } });

    const cancelling = await activeWorkflow(app, dave, { nodes: [slow], edges: [] });
    const run = await startRun(app, dave, cancelling);
    await waitForRun(app, dave, run.id, (current) => current.steps[0]?.status === "RUNNING");
    const cancelled = await app.call(CANCEL, { id: run.id }, dave);
    expect(cancelled.data.cancelRun).toMatchObject({ status: "CANCELLED", steps: [{ status: "CANCELLED" }] });
    // The aborted attempt records nothing after the cancel.
    const after = await waitForRun(app, dave, run.id, isStatus("CANCELLED"));
    expect(after.steps[0].status).toBe("CANCELLED");
    expect((await app.call(CANCEL, { id: run.id }, dave)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});
