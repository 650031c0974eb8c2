import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@aiwf/platform/postgres";
import { callSubgraph, describeWithService, testIdentity, TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";
import { ACTIVATE, CREATE, GET_RUN, START } from "./run-queries";
import { startSideEffectServer } from "./side-effect-server";
import { freePort, kill, startWorkflowProcess } from "./workflow-process";

jest.setTimeout(60_000);

const STEPS = ["s1", "s2", "s3", "s4"];

/**
 * SIGKILL in the middle of a run: the restarted service carries the run on from its
 * events. Completed steps are not repeated; the step in flight at the kill is repeated
 * with the same idempotency key (its attempt never recorded completion).
 */
async function crashAndRecover(databaseEnv: Record<string, string>) {
  const endpoint = await startSideEffectServer();
  // s2's first call outlives the process: the kill lands while it is in flight.
  endpoint.on("/s2", (_call, count) => (count === 1 ? { status: 200, delayMs: 10_000 } : undefined));
  const port = await freePort();
  const env = { ...databaseEnv, EXECUTOR_LEASE_MS: "1500", EXECUTOR_POLL_MS: "50" };
  let service = await startWorkflowProcess(env, port);
  try {
    const who = testIdentity();
    const call = (query: string, variables: Record<string, unknown>) => callSubgraph(service.url, { query, variables }, who, TEST_INTERNAL_SECRET) as Promise<any>;
    const definition = {
      nodes: STEPS.map((id) => ({ id, type: "http", config: { method: "POST", url: `${endpoint.url}/${id}`, body: "{ 'run': input.n }" } })),
      edges: STEPS.slice(1).map((id, index) => ({ from: STEPS[index], to: id })),
    };
    const created = await call(CREATE, { input: { name: "crash", definition } });
    await call(ACTIVATE, { id: created.data.createWorkflow.id });
    const run = (await call(START, { id: created.data.createWorkflow.id, input: { n: 1 }, key: "once" })).data.startRun;

    const deadline = Date.now() + 20_000;
    while (!endpoint.calls.some((c) => c.path === "/s2")) {
      if (Date.now() > deadline) throw new Error(`s2 never called: ${service.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await kill(service.child, "SIGKILL");
    service = await startWorkflowProcess(env, port);

    let done: any;
    for (const until = Date.now() + 25_000; ; ) {
      done = (await call(GET_RUN, { id: run.id })).data?.workflowRun;
      if (done?.status === "SUCCEEDED" || done?.status === "FAILED" || Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(done.status).toBe("SUCCEEDED");
    const keys = (id: string) => endpoint.calls.filter((c) => c.path === `/${id}`).map((c) => c.idempotencyKey);
    expect(keys("s1")).toEqual([`${run.id}:s1:1`]);
    // In flight at the kill: sent again, with the same attempt's key, so the endpoint can dedupe.
    expect(new Set(keys("s2"))).toEqual(new Set([`${run.id}:s2:1`]));
    expect(keys("s2").length).toBeGreaterThanOrEqual(1);
    expect(keys("s3")).toEqual([`${run.id}:s3:1`]);
    expect(keys("s4")).toEqual([`${run.id}:s4:1`]);
    expect(done.steps.map((step: any) => [step.nodeId, step.status, step.attempt])).toEqual(STEPS.map((id) => [id, "SUCCEEDED", 1]));
  } finally {
    await kill(service.child, "SIGTERM");
    await endpoint.close();
  }
}

describe("crash recovery on PGlite in a data folder", () => {
  it("completes a run after SIGKILL mid-run, each completed step executed exactly once", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "aiwf-workflow-crash-"));
    try {
      await crashAndRecover({ DATA_DIR: dataDir, DATABASE_URL: "" });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWithService("postgres", "crash recovery on a Postgres server", (serverUrl) => {
  it("completes a run after SIGKILL mid-run, each completed step executed exactly once", async () => {
    await crashAndRecover({ DATABASE_URL: await createTestDatabase(serverUrl, "aiwf_workflow_crash_test") });
  });
});
