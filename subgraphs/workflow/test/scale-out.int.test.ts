import { createTestDatabase, openDatabase } from "@aiwf/platform/postgres";
import { callSubgraph, describeWithService, testIdentity, TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";
import { createPrismaClient } from "../src/store/prisma-client";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { START } from "./run-queries";
import { startSideEffectServer } from "./side-effect-server";
import { freePort, kill, startWorkflowProcess } from "./workflow-process";

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

const STEPS = ["s1", "s2", "s3"];
const LEASE_MS = 1500;

describeWithService("postgres", "an executor instance killed mid-run", (serverUrl) => {
  it("lets the other instances finish its runs once its leases expire, each step's effect applied once", async () => {
    const endpoint = await startSideEffectServer();
    // Every call takes a while, so the kill lands with steps in flight on every instance.
    for (const step of STEPS) endpoint.on(`/${step}`, () => ({ status: 200, delayMs: 400 }));
    const url = await createTestDatabase(serverUrl, "aiwf_workflow_scale_kill_test");
    // The victim is a process of its own (SIGKILL: no shutdown, its leases just stop being renewed).
    const victim = await startWorkflowProcess({ DATABASE_URL: url, EXECUTOR_LEASE_MS: String(LEASE_MS), EXECUTOR_POLL_MS: "50" }, await freePort());
    const survivors: AppFixture[] = [];
    const database = await openDatabase({ kind: "server", url });
    const prisma = createPrismaClient(database);
    try {
      // Four runs at a time each: the two survivors cannot take all 12 runs, so the victim holds some.
      const executor = { pollMs: 50, leaseMs: LEASE_MS, concurrency: 4 };
      for (let i = 0; i < 2; i++) survivors.push(await startApp({ database: await openDatabase({ kind: "server", url }), executor }));
      const who = testIdentity();
      const viaVictim = (query: string, variables: Record<string, unknown>) => callSubgraph(victim.url, { query, variables }, who, TEST_INTERNAL_SECRET) as Promise<any>;
      const definition = {
        nodes: STEPS.map((id) => ({ id, type: "http", config: { method: "POST", url: `${endpoint.url}/${id}`, body: "{ 'run': input.n }" } })),
        edges: STEPS.slice(1).map((id, index) => ({ from: STEPS[index], to: id })),
      };
      const workflowId = await activeWorkflow(survivors[0]!, who, definition);
      // Started through every instance, so each one's executor claims runs of its own.
      const runs = await Promise.all(
        Array.from({ length: 12 }, async (_, n) => (n % 3 === 2 ? (await viaVictim(START, { id: workflowId, input: { n } })).data.startRun : startRun(survivors[n % 3]!, who, workflowId, { n }))),
      );

      // Kill only once the victim certainly has runs in flight: all three instances hold leases, or
      // more are held than the two survivors can hold (4 each). Whoever polls first may claim up to
      // its concurrency (the victim: 8), so one survivor can be left without a run for a while.
      const victimHoldsRuns = async () => {
        const [{ owners, held }] = await prisma.$queryRaw<Array<{ owners: number; held: number }>>`
          SELECT count(DISTINCT lease_owner)::int AS owners, count(*)::int AS held FROM run_tasks WHERE lease_until > now()`;
        return owners === 3 || held > 2 * executor.concurrency;
      };
      for (const deadline = Date.now() + 10_000; !(await victimHoldsRuns()); ) {
        if (Date.now() > deadline) throw new Error("the victim never held runs");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await kill(victim.child, "SIGKILL");
      const sentBeforeKill = new Set(endpoint.calls.map((received) => received.idempotencyKey));

      for (const run of runs) expect((await waitForRun(survivors[0]!, who, run.id, isStatus("SUCCEEDED", "FAILED"), 20_000)).status).toBe("SUCCEEDED");

      // The endpoint applies a step's effect once per idempotency key: exactly one key per step,
      // the first attempt's. A call repeats only when it was in flight on the killed instance.
      const keys = endpoint.calls.map((received) => received.idempotencyKey);
      for (const run of runs) {
        expect(new Set(keys.filter((key) => key?.startsWith(`${run.id}:`)))).toEqual(new Set(STEPS.map((step) => `${run.id}:${step}:1`)));
      }
      const repeated = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
      for (const key of repeated) expect(sentBeforeKill).toContain(key);
      expect(keys.length - new Set(keys).size).toBeLessThanOrEqual(8); // at most the victim's concurrency
    } finally {
      await kill(victim.child, "SIGKILL");
      await Promise.all(survivors.map((survivor) => survivor.stop()));
      await prisma.$disconnect();
      await database.close();
      await endpoint.close();
    }
  });
});
