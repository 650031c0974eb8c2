import { createTestDatabase, openDatabase } from "@aiwf/platform/postgres";
import { describeWithService, testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { startSideEffectServer } from "./side-effect-server";

jest.setTimeout(60_000);

describeWithService("postgres", "several executor instances on one Postgres", (serverUrl) => {
  let instances: AppFixture[] = [];
  let endpoint: Awaited<ReturnType<typeof startSideEffectServer>>;

  beforeAll(async () => {
    endpoint = await startSideEffectServer();
    const url = await createTestDatabase(serverUrl, "aiwf_workflow_scale_test");
    for (let i = 0; i < 3; i++) instances.push(await startApp({ database: await openDatabase({ kind: "server", url }), executor: { pollMs: 20, leaseMs: 10_000 } }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    instances = [];
    await endpoint?.close();
  });

  it("shares runs between instances without executing any step twice, and also with a fan-out", async () => {
    const who = testIdentity();
    const [first] = instances;
    const branches = ["a", "b", "c"];
    const workflowId = await activeWorkflow(first!, who, {
      nodes: [
        { id: "fan", type: "parallel", config: {} },
        ...branches.map((id) => ({ id, type: "http", config: { method: "POST", url: `${endpoint.url}/{{ input.n }}/${id}` } })),
        { id: "join", type: "join", config: {} },
        { id: "last", type: "http", config: { method: "POST", url: `${endpoint.url}/{{ input.n }}/last` } },
      ],
      edges: [...branches.flatMap((id) => [{ from: "fan", to: id }, { from: id, to: "join" }]), { from: "join", to: "last" }],
    });
    // Started through different instances: every instance's executor competes for every run.
    const runs = await Promise.all(Array.from({ length: 12 }, (_, n) => startRun(instances[n % 3]!, who, workflowId, { n })));
    for (const run of runs) expect((await waitForRun(first!, who, run.id, isStatus("SUCCEEDED", "FAILED"))).status).toBe("SUCCEEDED");

    const keys = endpoint.calls.map((call) => call.idempotencyKey);
    expect(keys).toHaveLength(12 * 4);
    expect(new Set(keys).size).toBe(12 * 4);
    for (const run of runs) {
      expect(keys.filter((key) => key?.startsWith(run.id)).sort()).toEqual(["a", "b", "c", "last"].map((id) => `${run.id}:${id}:1`));
    }
  });
});
