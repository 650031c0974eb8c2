import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, openDatabase } from "@aiwf/platform/postgres";
import { describeWithService, testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";

jest.setTimeout(60_000);

/** An endpoint that holds every call until the test releases it, remembering arrival order. */
async function startGate() {
  const arrived: string[] = [];
  const held = new Map<string, ServerResponse>();
  const server = createServer((request, response) => {
    const n = (request.url ?? "/").slice(1);
    arrived.push(n);
    held.set(n, response);
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    held: () => [...held.keys()],
    release(n: string) {
      held.get(n)!.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ n }));
      held.delete(n);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const STATUS = `query ($id: ID!) { workflowRun(id: $id) { status } }`;

describeWithService("postgres", "a tenant's running-run limit across executor instances", (serverUrl) => {
  let instances: AppFixture[] = [];
  let gate: Awaited<ReturnType<typeof startGate>>;

  beforeAll(async () => {
    gate = await startGate();
    const url = await createTestDatabase(serverUrl, "aiwf_workflow_tenant_limit_test");
    for (let i = 0; i < 2; i++) {
      instances.push(await startApp({ database: await openDatabase({ kind: "server", url }), executor: { pollMs: 20, leaseMs: 10_000, maxRunningPerTenant: 2 } }));
    }
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    instances = [];
    await gate?.close();
  });

  it("runs at most 2 of a tenant's runs at once, keeps the rest QUEUED and starts them oldest first", async () => {
    const who = testIdentity();
    const [first] = instances;
    const workflowId = await activeWorkflow(first!, who, {
      nodes: [{ id: "call", type: "http", config: { method: "POST", url: `${gate.url}/{{ input.n }}` } }],
      edges: [],
    });
    const runs: Array<{ id: string }> = [];
    for (let n = 1; n <= 5; n++) runs.push(await startRun(instances[n % 2]!, who, workflowId, { n }));
    const statuses = async () => Promise.all(runs.map(async (run) => (await first!.call(STATUS, { id: run.id }, who)).data.workflowRun.status));

    await until("two runs to call the endpoint", () => gate.held().length === 2);
    // Both instances poll every 20 ms: long enough for a third run to start if the limit leaked.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...gate.arrived].sort()).toEqual(["1", "2"]);
    expect(await statuses()).toEqual(["RUNNING", "RUNNING", "QUEUED", "QUEUED", "QUEUED"]);

    // Each finished run frees a slot for the oldest queued one.
    for (const [done, next] of [["1", "3"], ["2", "4"], ["3", "5"]] as const) {
      gate.release(done);
      await until(`run ${next} to start`, () => gate.held().includes(next));
      expect(gate.held()).toHaveLength(2);
    }
    expect(gate.arrived.slice(2)).toEqual(["3", "4", "5"]);
    gate.release("4");
    gate.release("5");
    for (const run of runs) expect((await waitForRun(first!, who, run.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");
  });

  it("does not count runs parked at waitForSignal: waiting for a human blocks no new work", async () => {
    const [first] = instances;
    const who = testIdentity();
    const approval = await activeWorkflow(first!, who, { nodes: [{ id: "approve", type: "waitForSignal", config: { signal: "approved" } }], edges: [] });
    const parked = [await startRun(first!, who, approval), await startRun(first!, who, approval)];
    for (const run of parked) await waitForRun(first!, who, run.id, isStatus("WAITING"));
    const caller = await activeWorkflow(first!, who, { nodes: [{ id: "call", type: "http", config: { method: "POST", url: `${gate.url}/{{ input.n }}` } }], edges: [] });
    const run = await startRun(first!, who, caller, { n: "w1" });
    await until("a run to start beside two waiting ones", () => gate.held().includes("w1"));
    gate.release("w1");
    expect((await waitForRun(first!, who, run.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");
    for (const waiting of parked) {
      await first!.call(`mutation ($id: ID!) { signalRun(runId: $id, signal: "approved") { id } }`, { id: waiting.id }, who);
      expect((await waitForRun(first!, who, waiting.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");
    }
  });

  it("does not hold back another tenant", async () => {
    const [first] = instances;
    const busy = testIdentity();
    const other = testIdentity();
    const definition = { nodes: [{ id: "call", type: "http", config: { method: "POST", url: `${gate.url}/{{ input.n }}` } }], edges: [] };
    const busyWorkflow = await activeWorkflow(first!, busy, definition);
    for (const n of ["b1", "b2", "b3"]) await startRun(first!, busy, busyWorkflow, { n });
    await until("the busy tenant's two runs", () => gate.held().length === 2);
    const otherRun = await startRun(first!, other, await activeWorkflow(first!, other, definition), { n: "o1" });
    await until("the other tenant's run to start", () => gate.held().includes("o1"));
    gate.release("o1");
    expect((await waitForRun(first!, other, otherRun.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");
    for (const n of ["b1", "b2"]) gate.release(n);
    await until("the busy tenant's third run", () => gate.held().includes("b3"));
    gate.release("b3");
  });
});
