import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { ACTIVATE, ARCHIVE, CREATE, START, UPDATE } from "./run-queries";

let app: AppFixture;
// A clock a second per reading: each event has its own time, so `asOf` between them is exact.
let tick = 0;
const now = () => new Date(Date.UTC(2031, 0, 1) + tick++ * 1000);

beforeAll(async () => {
  app = await startApp({ now });
});
afterAll(() => app?.stop());

const AT = `query ($id: ID!, $asOf: DateTimeISO!) { workflowAt(id: $id, asOf: $asOf) { name version status } }`;
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on WorkflowRun { id status workflow { id } } } }`;
const single = { nodes: [{ id: "only", type: "transform", config: { expression: "1" } }], edges: [] };

describe("workflow lifecycle", () => {
  it("never activates an empty workflow, archives, refuses runs of archived workflows, and answers workflowAt", async () => {
    const alice = testIdentity();
    const created = (await app.call(CREATE, { input: { name: "first name" } }, alice)).data.createWorkflow;
    const empty = await app.call(ACTIVATE, { id: created.id }, alice);
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const renamed = await app.call(UPDATE, { id: created.id, v: 1, input: { name: "second name", definition: single } }, alice);
    expect(renamed.data.updateWorkflow).toMatchObject({ version: 2, status: "DRAFT" });
    expect((await app.call(ACTIVATE, { id: created.id }, alice)).data.activateWorkflow).toMatchObject({ status: "ACTIVE", version: 3 });
    expect((await app.call(ARCHIVE, { id: created.id }, alice)).data.archiveWorkflow).toMatchObject({ status: "ARCHIVED", version: 4 });
    const refused = await app.call(START, { id: created.id, input: {} }, alice);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "workflowId" });
    expect((await app.call(UPDATE, { id: created.id, v: 4, input: { name: "x" } }, alice)).errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const history = (await app.call(`query ($id: ID!) { workflow(id: $id) { history { recordedAt type } } }`, { id: created.id }, alice)).data.workflow.history;
    expect(history.map((event: any) => event.type)).toEqual(["WorkflowCreated", "WorkflowUpdated", "WorkflowActivated", "WorkflowArchived"]);
    const at = async (asOf: string) => (await app.call(AT, { id: created.id, asOf }, alice)).data.workflowAt;
    expect(await at(history[0].recordedAt)).toEqual({ name: "first name", version: 1, status: "DRAFT" });
    expect(await at(history[2].recordedAt)).toEqual({ name: "second name", version: 3, status: "ACTIVE" });
    expect(await at(new Date(Date.parse(history[0].recordedAt) - 1).toISOString())).toBeNull();
    expect((await app.call(AT, { id: created.id, asOf: history[3].recordedAt }, testIdentity())).data.workflowAt).toBeNull();
  });

  it("resolves WorkflowRun references for the gateway, null for unknown ids and other tenants", async () => {
    const bob = testIdentity();
    const workflowId = await activeWorkflow(app, bob, single);
    const run = await startRun(app, bob, workflowId);
    await waitForRun(app, bob, run.id, isStatus("SUCCEEDED"));
    const representations = [{ __typename: "WorkflowRun", id: run.id }, { __typename: "WorkflowRun", id: "unknown" }];
    const owner = await app.call(ENTITIES, { representations }, bob);
    expect(owner.data._entities).toEqual([{ id: run.id, status: "SUCCEEDED", workflow: { id: workflowId } }, null]);
    expect((await app.call(ENTITIES, { representations }, testIdentity())).data._entities).toEqual([null, null]);
  });
});
