import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";

const WORKFLOW_FIELDS = "id name description version status createdAt updatedAt";
const CREATE = `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { ${WORKFLOW_FIELDS} } }`;
const GET = `query ($id: ID!) { workflow(id: $id) { ${WORKFLOW_FIELDS} history { position version type recordedAt data } } }`;
const LIST = `query ($first: Int, $after: String, $status: WorkflowStatus) {
  workflows(first: $first, after: $after, status: $status) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Workflow { id name } } }`;

let app: AppFixture;
// A clock that ticks a second per event: "newest first" is then decided by time, never by the id tie-break.
let tick = 0;
const now = () => new Date(Date.UTC(2030, 0, 1) + tick++ * 1000);
const call = (query: string, variables: Record<string, unknown>, identity: ReturnType<typeof testIdentity> | null) =>
  app.call(query, variables, identity);
const create = async (identity: ReturnType<typeof testIdentity>, input: { name: string; description?: string | null }) => {
  const { data, errors } = await call(CREATE, { input }, identity);
  expect(errors).toBeUndefined();
  return data.createWorkflow;
};

beforeAll(async () => {
  app = await startApp({ now });
});
afterAll(() => app?.stop());

describe("workflow subgraph API", () => {
  it("creates a draft workflow, then reads it by id with its history and in the list", async () => {
    const alice = testIdentity();
    const created = await create(alice, { name: "  Onboarding  ", description: "New hires" });
    expect(created).toMatchObject({ name: "Onboarding", description: "New hires", version: 1, status: "DRAFT" });
    expect(created.createdAt).toBe(created.updatedAt);

    const { data } = await call(GET, { id: created.id }, alice);
    expect(data.workflow).toMatchObject({ ...created, history: [{ version: 1, type: "WorkflowCreated", recordedAt: created.createdAt }] });
    expect(data.workflow.history[0].data).toEqual({ id: created.id, name: "Onboarding", description: "New hires", definition: { nodes: [], edges: [] } });
    expect(data.workflow.history[0].position).toMatch(/^\d+$/);

    const list = await call(LIST, {}, alice);
    expect(list.data.workflows).toMatchObject({ totalCount: 1, edges: [{ node: { id: created.id } }], pageInfo: { hasNextPage: false } });
  });

  it("refuses a call without the gateway's identity", async () => {
    const { data, errors } = await call(LIST, {}, null);
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["an empty name", { name: "   " }, "input.name"],
    ["a name over 200 characters", { name: "x".repeat(201) }, "input.name"],
    ["a description over 2000 characters", { name: "ok", description: "d".repeat(2001) }, "input.description"],
  ])("refuses %s with BAD_USER_INPUT naming the field, and stores nothing", async (_case, input, field) => {
    const bob = testIdentity();
    const { errors } = await call(CREATE, { input }, bob);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect((await call(LIST, {}, bob)).data.workflows.totalCount).toBe(0);
  });

  it("returns null for an unknown id", async () => {
    expect((await call(GET, { id: "no-such-workflow" }, testIdentity())).data).toEqual({ workflow: null });
  });

  it("keeps tenants apart: the same name in two tenants, each sees only its own", async () => {
    const [alice, bob] = [testIdentity(), testIdentity()];
    const mine = await create(alice, { name: "Shared name" });
    const theirs = await create(bob, { name: "Shared name" });
    expect((await call(LIST, {}, alice)).data.workflows.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    expect((await call(LIST, {}, bob)).data.workflows.edges.map((e: any) => e.node.id)).toEqual([theirs.id]);
    expect((await call(GET, { id: theirs.id }, alice)).data.workflow).toBeNull();
  });

  it("pages newest first with stable cursors, filters by status, and refuses a foreign cursor", async () => {
    const carol = testIdentity();
    const [a, b, c] = [await create(carol, { name: "A" }), await create(carol, { name: "B" }), await create(carol, { name: "C" })];
    const first = (await call(LIST, { first: 2 }, carol)).data.workflows;
    expect(first.edges.map((e: any) => e.node.id)).toEqual([c.id, b.id]);
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, endCursor: first.edges[1].cursor } });

    await create(carol, { name: "D, created after the first page was read" });
    const second = (await call(LIST, { first: 2, after: first.pageInfo.endCursor }, carol)).data.workflows;
    expect(second.edges.map((e: any) => e.node.id)).toEqual([a.id]);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0].cursor });

    expect((await call(LIST, { status: "ARCHIVED" }, carol)).data.workflows).toMatchObject({ totalCount: 0, edges: [] });
    expect((await call(LIST, { status: "DRAFT" }, carol)).data.workflows.totalCount).toBe(4);
    const foreign = await call(LIST, { after: Buffer.from("concept:x").toString("base64url") }, carol);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect((await call(LIST, { first: 101 }, carol)).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("resolves Workflow references for the gateway: the owner's, and null for unknown ids or other tenants", async () => {
    const [dave, eve] = [testIdentity(), testIdentity()];
    const [one, two] = [await create(dave, { name: "One" }), await create(dave, { name: "Two" })];
    const representations = [one, { id: "unknown" }, two].map(({ id }) => ({ __typename: "Workflow", id }));
    const owner = await call(ENTITIES, { representations }, dave);
    expect(owner.errors).toBeUndefined();
    expect(owner.data._entities).toEqual([{ id: one.id, name: "One" }, null, { id: two.id, name: "Two" }]);
    expect((await call(ENTITIES, { representations }, eve)).data._entities).toEqual([null, null, null]);
  });

  it("publishes its federated SDL with the Workflow key", async () => {
    const { data } = await call("{ _service { sdl } }", {}, testIdentity());
    expect(data._service.sdl).toMatch(/type Workflow\s+@key\(fields: "id"\)/);
  });
});
