import { randomUUID } from "node:crypto";
import path from "node:path";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { describeWithService } from "@aiwf/platform/testkit";
import { createPrismaClient, type PrismaClient } from "../src/store/prisma-client";
import { PostgresRunTaskQueue } from "../src/store/postgres-run-tasks";

const prismaDir = path.resolve(__dirname, "../../../prisma/workflow");
const LEASE_MS = 1000;
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

/** The running-slot rules of the task queue, on the claim SQL itself. */
function slotRules(open: () => Promise<OpenedDatabase>) {
  let database: OpenedDatabase;
  let prisma: PrismaClient;
  let queue: PostgresRunTaskQueue;
  let tenant: string;
  beforeAll(async () => {
    database = await open();
    await migrateDatabase({ database, schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations") });
    prisma = createPrismaClient(database);
    queue = new PostgresRunTaskQueue(database);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.close();
  });
  beforeEach(() => {
    tenant = `tenant-${randomUUID()}`;
  });

  /** Runs queued as startRun queues them: due when started, in this order. */
  async function queued(tenantId: string, ...runIds: string[]) {
    for (const [index, runId] of runIds.entries()) await prisma.runTask.create({ data: { tenantId, runId, dueAt: at(index), nudges: 1 } });
  }
  const claim = async (now: Date, owner = "a") => (await queue.claim(owner, now, LEASE_MS, 100, 2)).filter((task) => task.tenantId === tenant).map((task) => task.runId);

  it("admits at most the limit of a tenant's runs, oldest first, and the next when one finishes", async () => {
    await queued(tenant, "r1", "r2", "r3", "r4");
    const now = at(10);
    expect(await claim(now)).toEqual(["r1", "r2"]);
    expect(await claim(now, "b")).toEqual([]);
    await queue.settle("a", { tenantId: tenant, runId: "r1", nudges: 1 }, { dueAt: null, finished: true, now });
    expect(await claim(now, "b")).toEqual(["r3"]);
  });

  it("frees the slot of a run parked on a signal or timer, and queues it again when it wakes", async () => {
    await queued(tenant, "r1", "r2", "r3");
    const now = at(10);
    expect(await claim(now)).toEqual(["r1", "r2"]);
    await queue.settle("a", { tenantId: tenant, runId: "r1", nudges: 1 }, { dueAt: new Date(now.getTime() + 200), finished: false, now });
    expect(await claim(now)).toEqual(["r3"]);
    // r1's timer is due (within r2's and r3's leases), but they hold both slots.
    const later = new Date(now.getTime() + 500);
    expect(await claim(later)).toEqual([]);
    await queue.settle("a", { tenantId: tenant, runId: "r2", nudges: 1 }, { dueAt: null, finished: true, now: later });
    expect(await claim(later)).toEqual(["r1"]);
  });

  it("gives a dead instance's run to another instance once its lease expires, still in its slot", async () => {
    await queued(tenant, "r1", "r2", "r3");
    expect(await claim(at(10), "dead")).toEqual(["r1", "r2"]);
    expect(await claim(at(10), "live")).toEqual([]);
    const expired = new Date(at(10).getTime() + LEASE_MS + 1);
    expect((await claim(expired, "live")).sort()).toEqual(["r1", "r2"]);
  });

  it("keeps one tenant's queue from holding back another's", async () => {
    const other = `tenant-${randomUUID()}`;
    await queued(tenant, "r1", "r2", "r3");
    await queued(other, "o1");
    const claimed = await queue.claim("a", at(10), LEASE_MS, 100, 2);
    expect(claimed.filter((task) => task.tenantId === other).map((task) => task.runId)).toEqual(["o1"]);
  });
}

describe("run task slots on in-memory PGlite", () => {
  slotRules(() => openDatabase({ kind: "pglite" }));
});

describeWithService("postgres", "run task slots on a Postgres server", (serverUrl) => {
  slotRules(async () => openDatabase({ kind: "server", url: await createTestDatabase(serverUrl, "aiwf_workflow_task_slots_test") }));
});
