import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { GET_RUN, RUNS, SIGNAL, START } from "./run-queries";
import { startSideEffectServer } from "./side-effect-server";

let app: AppFixture;
let endpoint: Awaited<ReturnType<typeof startSideEffectServer>>;

beforeAll(async () => {
  endpoint = await startSideEffectServer();
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

/** Every node type: transform, condition, parallel/join, http, llm, delay, waitForSignal. */
const everyNodeType = (url: string) => ({
  nodes: [
    { id: "double", type: "transform", config: { expression: "input.amount * 2" } },
    { id: "big", type: "condition", config: { expression: "steps.double > 10" } },
    { id: "fan", type: "parallel", config: {} },
    { id: "notify", type: "http", config: { method: "POST", url: `${url}/orders/{{ input.order }}`, body: "{ 'total': steps.double }" } },
    { id: "summary", type: "llm", config: { prompt: "Order {{ input.order }} totals {{ steps.double }}", model: "local-small" } },
    { id: "small", type: "transform", config: { expression: "'small order'" } },
    { id: "merge", type: "join", config: {} },
    { id: "cool", type: "delay", config: { durationMs: 30 } },
    { id: "approval", type: "waitForSignal", config: { signal: "approve" } },
    { id: "result", type: "transform", config: { expression: "{ 'approved': steps.approval.ok, 'status': steps.notify.status }" } },
  ],
  edges: [
    { from: "double", to: "big" },
    { from: "big", to: "fan", when: "true" },
    { from: "big", to: "small", when: "else" },
    { from: "fan", to: "notify" },
    { from: "fan", to: "summary" },
    { from: "notify", to: "merge" },
    { from: "summary", to: "merge" },
    { from: "small", to: "merge" },
    { from: "merge", to: "cool" },
    { from: "cool", to: "approval" },
    { from: "approval", to: "result" },
  ],
});

describe("workflow runs", () => {
  it("runs every node type to completion: branches, fan-out, http, llm, a delay and a signal", async () => {
    const alice = testIdentity();
    const workflowId = await activeWorkflow(app, alice, everyNodeType(endpoint.url));
    const run = await startRun(app, alice, workflowId, { amount: 21, order: "o/1" });
    expect(run).toMatchObject({ status: "QUEUED", workflowVersion: 2, input: { amount: 21, order: "o/1" } });

    // WAITING first on the delay, then on the signal: wait for the approval step itself.
    const atApproval = (current: any) => current.status === "FAILED" || current.steps.some((step: any) => step.nodeId === "approval" && step.status === "WAITING");
    const waiting = await waitForRun(app, alice, run.id, atApproval);
    expect(waiting.status).toBe("WAITING");
    const signalled = await app.call(SIGNAL, { id: run.id, signal: "approve", payload: { ok: true } }, alice);
    expect(signalled.errors).toBeUndefined();

    const done = await waitForRun(app, alice, run.id, isStatus("SUCCEEDED", "FAILED"));
    expect(done.status).toBe("SUCCEEDED");
    expect(done.output).toEqual({ result: { approved: true, status: 200 } });
    const steps = Object.fromEntries(done.steps.map((step: any) => [step.nodeId, step]));
    expect(steps.small.status).toBe("SKIPPED");
    expect(steps.double.output).toBe(42);
    expect(steps.notify.input).toMatchObject({ method: "POST", url: `${endpoint.url}/orders/o%2F1`, body: { total: 42 } });
    expect(steps.summary.output).toMatchObject({ provider: "local" });
    expect(Object.keys(steps.merge.output).sort()).toEqual(["notify", "summary"]);
    expect(endpoint.calls.filter((call) => call.path === "/orders/o%2F1")).toEqual([
      expect.objectContaining({ method: "POST", idempotencyKey: `${run.id}:notify:1`, body: JSON.stringify({ total: 42 }) }),
    ]);

    const { data } = await app.call(GET_RUN, { id: run.id }, alice);
    const types = data.workflowRun.history.map((event: any) => event.type);
    expect(types[0]).toBe("RunStarted");
    expect(types.at(-1)).toBe("RunSucceeded");
    expect(types).toEqual(expect.arrayContaining(["StepStarted", "StepWaiting", "StepSucceeded", "StepSkipped"]));
    expect(data.workflowRun.history.map((event: any) => event.version)).toEqual(types.map((_: string, i: number) => i + 1));
  });

  it("returns the same run for the same idempotency key, and lists runs by status", async () => {
    const bob = testIdentity();
    const workflowId = await activeWorkflow(app, bob, { nodes: [{ id: "only", type: "transform", config: { expression: "input.x + 1" } }], edges: [] });
    const first = await startRun(app, bob, workflowId, { x: 1 }, "key-1");
    const again = await startRun(app, bob, workflowId, { x: 1 }, "key-1");
    expect(again.id).toBe(first.id);
    const other = await startRun(app, bob, workflowId, { x: 2 }, "key-2");
    expect(other.id).not.toBe(first.id);
    await waitForRun(app, bob, first.id, isStatus("SUCCEEDED"));
    const done = await waitForRun(app, bob, other.id, isStatus("SUCCEEDED"));
    expect(done.output).toEqual({ only: 3 });
    const listed = await app.call(RUNS, { id: workflowId, status: "SUCCEEDED" }, bob);
    expect(listed.data.workflow.runs.totalCount).toBe(2);
    expect((await app.call(RUNS, { id: workflowId, status: "FAILED" }, bob)).data.workflow.runs.totalCount).toBe(0);
    // Another tenant sees neither the run nor the workflow.
    expect((await app.call(GET_RUN, { id: first.id }, testIdentity())).data.workflowRun).toBeNull();
  });

  it("refuses a run of a DRAFT workflow and a signal nobody waits for", async () => {
    const carol = testIdentity();
    const draft = await app.call(`mutation { createWorkflow(input: { name: "draft" }) { id } }`, {}, carol);
    const refused = await app.call(START, { id: draft.data.createWorkflow.id, input: {} }, carol);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "workflowId" });

    const workflowId = await activeWorkflow(app, carol, { nodes: [{ id: "wait", type: "waitForSignal", config: { signal: "go" } }], edges: [] });
    const run = await startRun(app, carol, workflowId);
    await waitForRun(app, carol, run.id, isStatus("WAITING"));
    const wrong = await app.call(SIGNAL, { id: run.id, signal: "stop", payload: null }, carol);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "signal" });
  });
});
