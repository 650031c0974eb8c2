import type { AppFixture, TestIdentity } from "./app-fixture";
import { ACTIVATE, CREATE, GET_RUN, START } from "./run-queries";

/** Creates and activates a workflow; fails the test on any error. */
export async function activeWorkflow(app: AppFixture, who: TestIdentity, definition: unknown, name = "wf"): Promise<string> {
  const created = await app.call(CREATE, { input: { name, definition } }, who);
  expect(created.errors).toBeUndefined();
  const activated = await app.call(ACTIVATE, { id: created.data.createWorkflow.id }, who);
  expect(activated.errors).toBeUndefined();
  return created.data.createWorkflow.id;
}

export async function startRun(app: AppFixture, who: TestIdentity, workflowId: string, input: unknown = {}, key?: string) {
  const started = await app.call(START, { id: workflowId, input, key }, who);
  expect(started.errors).toBeUndefined();
  return started.data.startRun;
}

/** Polls the run until `done` holds (no fixed sleeps: the executor runs on its own). */
export async function waitForRun(app: AppFixture, who: TestIdentity, runId: string, done: (run: any) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data, errors } = await app.call(GET_RUN, { id: runId }, who);
    expect(errors).toBeUndefined();
    if (done(data.workflowRun)) return data.workflowRun;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not get there: ${JSON.stringify(data.workflowRun, null, 1).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

export const isStatus = (...statuses: string[]) => (run: any) => statuses.includes(run.status);
