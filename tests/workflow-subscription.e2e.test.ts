import { gql } from "@apollo/client";
import { realtimeApolloClient, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";
import { until } from "./support/wait";

const CREATE = gql`
  mutation Create($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }
`;
const ACTIVATE = gql`
  mutation Activate($id: ID!) { activateWorkflow(id: $id) { id status } }
`;
const START = gql`
  mutation Start($id: ID!, $input: JSON) { startRun(workflowId: $id, input: $input) { id status } }
`;
const SIGNAL = gql`
  mutation Signal($runId: ID!) { signalRun(runId: $runId, signal: "approve", payload: { ok: true }) { id status } }
`;
const UPDATES = gql`
  subscription Updates($workflowId: ID, $runId: ID) {
    workflowRunUpdated(workflowId: $workflowId, runId: $runId) {
      status
      sequence
      step { nodeId status }
      run { id status steps { nodeId status } workflow { name } }
    }
  }
`;

/** a -> approval (waits for a signal) -> b */
const DEFINITION = {
  nodes: [
    { id: "a", type: "transform", config: { expression: "input.n + 1" } },
    { id: "approval", type: "waitForSignal", config: { signal: "approve" } },
    { id: "b", type: "transform", config: { expression: "'done'" } },
  ],
  edges: [
    { from: "a", to: "approval" },
    { from: "approval", to: "b" },
  ],
};

type Update = { status: string; sequence: number; step: { nodeId: string; status: string } | null; run: any };

function collectUntilDone(client: ReturnType<typeof realtimeApolloClient>["client"], variables: Record<string, string>) {
  const updates: Update[] = [];
  const done = new Promise<Update[]>((resolve, reject) => {
    const subscription = client.subscribe({ query: UPDATES, variables }).subscribe({
      next: ({ data, error }) => {
        if (error) return reject(error);
        const update = (data as any).workflowRunUpdated as Update;
        updates.push(update);
        if (update.status === "SUCCEEDED" || update.status === "FAILED") {
          subscription.unsubscribe();
          resolve(updates);
        }
      },
      error: reject,
    });
  });
  return { done, updates };
}


describe("workflow run updates through the gateway's subscriptions", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 90_000);
  afterAll(() => stack?.close());

  it("streams every transition of a run in order through SUCCEEDED, completed with the workflow's name", async () => {
    const { client, close } = realtimeApolloClient(stack.gateway.url, await signToken(stack.jwt, { tenant: `runs-${Date.now()}` }));
    const workflowId = (await client.mutate<any>({ mutation: CREATE, variables: { input: { name: "Approve and finish", definition: DEFINITION } } })).data.createWorkflow.id;
    await client.mutate({ mutation: ACTIVATE, variables: { id: workflowId } });

    const byWorkflow = collectUntilDone(client, { workflowId });
    await until(() => stack.gateway.subscriptions.hub.streamCount === 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the upstream subscription is acknowledged
    const run = (await client.mutate<any>({ mutation: START, variables: { id: workflowId, input: { n: 41 } } })).data.startRun;

    await until(() => byWorkflow.updates.some((update) => update.status === "WAITING"));
    // A second subscriber follows the same run by id from here on.
    const byRun = collectUntilDone(client, { runId: run.id });
    await until(() => stack.gateway.subscriptions.hub.streamCount === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.mutate({ mutation: SIGNAL, variables: { runId: run.id } });

    const updates = await byWorkflow.done;
    const sequences = updates.map((update) => update.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(updates.map((update) => update.status)).toEqual(expect.arrayContaining(["RUNNING", "WAITING", "SUCCEEDED"]));
    expect(updates.at(-1)!.status).toBe("SUCCEEDED");
    const stepsSeen = updates.filter((update) => update.step?.status === "SUCCEEDED").map((update) => update.step!.nodeId);
    expect(stepsSeen).toEqual(["a", "approval", "b"]);
    for (const update of updates) {
      expect(update.run.id).toBe(run.id);
      expect(update.run.workflow.name).toBe("Approve and finish"); // from the workflow subgraph, every event
    }
    const afterSignal = await byRun.done;
    expect(afterSignal.at(-1)!.status).toBe("SUCCEEDED");
    expect(afterSignal.at(-1)!.run.steps.map((step: any) => [step.nodeId, step.status])).toEqual([
      ["a", "SUCCEEDED"],
      ["approval", "SUCCEEDED"],
      ["b", "SUCCEEDED"],
    ]);
    await close();
  }, 60_000);
});
