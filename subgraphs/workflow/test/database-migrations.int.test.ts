import { readdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { describeWithService } from "@aiwf/platform/testkit";
import { Client } from "pg";
import { PrismaClient } from "../src/store/generated/prisma/client";

/**
 * Covers the Prisma internals we depend on (the pinned WASM schema engine and the generated
 * client): migrations applied to an empty database are exactly what the client expects.
 */
const prismaDir = path.resolve(__dirname, "../../../prisma/workflow");
/** Every migration folder, oldest first: what an empty database gets. */
const ALL_MIGRATIONS = readdirSync(path.join(prismaDir, "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const paths = { schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations") };

function migrationSuite(open: () => Promise<OpenedDatabase>) {
  let database: OpenedDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = new PrismaClient({ adapter: database.adapterFactory });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.close();
  });

  it("migrates, and the generated client reads and writes the migrated tables", async () => {
    await migrateDatabase({ database, ...paths });
    const tenantId = `tenant-${randomUUID()}`;
    const event = await prisma.event.create({
      data: { id: randomUUID(), tenantId, streamId: "workflow-1", streamVersion: 1, type: "WorkflowCreated", data: { name: "n" } },
    });
    expect(typeof event.position).toBe("bigint");
    await prisma.workflow.create({
      data: { tenantId, id: "1", name: "n", status: "DRAFT", version: 1, createdAt: event.recordedAt, updatedAt: event.recordedAt },
    });
    expect(await prisma.workflow.findMany({ where: { tenantId } })).toEqual([expect.objectContaining({ id: "1", status: "DRAFT" })]);
  });

  it("applies nothing the second time", async () => {
    await migrateDatabase({ database, ...paths });
    expect(await migrateDatabase({ database, ...paths })).toEqual({ applied: [] });
  });

  it("records applied migrations in _prisma_migrations", async () => {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(rows.map((row) => row.migration_name)).toEqual(ALL_MIGRATIONS);
  });
}

describe("workflow migrations on an empty in-memory PGlite", () => {
  it("applies the init migration to an empty database", async () => {
    const database = await openDatabase({ kind: "pglite" });
    try {
      expect(await migrateDatabase({ database, ...paths })).toEqual({ applied: ALL_MIGRATIONS });
    } finally {
      await database.close();
    }
  });
  migrationSuite(() => openDatabase({ kind: "pglite" }));
});

describeWithService("postgres", "workflow migrations on a Postgres server", (serverUrl) => {
  // Fresh databases, so "empty" really is empty; dropped afterwards.
  const created: string[] = [];
  const freshDatabase = async () => {
    const name = `aiwf_workflow_migrate_${randomUUID().slice(0, 8)}`;
    created.push(name);
    return createTestDatabase(serverUrl, name);
  };
  afterAll(async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  migrationSuite(async () => openDatabase({ kind: "server", url: await freshDatabase() }));

  it("lets concurrent migrators of one empty database wait for each other: one applies, the others find it done", async () => {
    const url = await freshDatabase();
    const databases = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ kind: "server", url })));
    try {
      const results = await Promise.all(databases.map((database) => migrateDatabase({ database, ...paths })));
      expect(results.flatMap((result) => result.applied)).toEqual(ALL_MIGRATIONS);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });
});
