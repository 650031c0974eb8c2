import { openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { testIdentity } from "@aiwf/platform/testkit";
import { PrismaClient } from "../src/store/generated/prisma/client";
import { rebuildReadModels } from "../src/store/rebuild-read-models";
import { startApp, type AppFixture } from "./app-fixture";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";
import { SIGNAL, UPDATE } from "./run-queries";

let app: AppFixture;
let database: OpenedDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite" });
  app = await startApp({ database });
  prisma = new PrismaClient({ adapter: database.adapterFactory });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await app?.stop();
});

const snapshot = async (tenantId: string) => ({
  workflows: await prisma.workflow.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  runs: await prisma.workflowRun.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
});

describe("projection rebuild", () => {
  it("rebuilds read models identical to the live ones from the events alone", async () => {
    const alice = testIdentity();
    const definition = {
      nodes: [
        { id: "a", type: "transform", config: { expression: "input.n * 3" } },
        { id: "check", type: "condition", config: { expression: "steps.a > 5" } },
        { id: "wait", type: "waitForSignal", config: { signal: "go" } },
        { id: "bad", type: "transform", config: { expression: "$error('refused')" } },
      ],
      edges: [
        { from: "a", to: "check" },
        { from: "check", to: "wait", when: "true" },
        { from: "check", to: "bad", when: "false" },
      ],
    };
    const workflowId = await activeWorkflow(app, alice, definition);
    await app.call(UPDATE, { id: workflowId, v: 2, input: { description: "edited" } }, alice);
    const waiting = await startRun(app, alice, workflowId, { n: 3 });
    const failing = await startRun(app, alice, workflowId, { n: 1 }, "failing");
    await waitForRun(app, alice, waiting.id, isStatus("WAITING"));
    await app.call(SIGNAL, { id: waiting.id, signal: "go", payload: { by: "alice" } }, alice);
    await waitForRun(app, alice, waiting.id, isStatus("SUCCEEDED"));
    expect((await waitForRun(app, alice, failing.id, isStatus("FAILED", "SUCCEEDED"))).status).toBe("FAILED");

    const live = await snapshot(alice.tenantId);
    expect(live.runs).toHaveLength(2);
    await prisma.workflowRun.updateMany({ where: { tenantId: alice.tenantId }, data: { status: "QUEUED", steps: [] } }); // a damaged read model
    expect(await rebuildReadModels(prisma, database, alice.tenantId)).toEqual({ workflows: 1, runs: 2 });
    expect(await snapshot(alice.tenantId)).toEqual(live);
  });
});
