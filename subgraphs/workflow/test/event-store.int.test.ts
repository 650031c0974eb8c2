import path from "node:path";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { describeWithService } from "@aiwf/platform/testkit";
import { openWorkflowStore } from "../src/store/open-workflow-store";
import { eventStoreContract, type EventStoreFixture } from "./event-store.contract";

const prismaDir = path.resolve(__dirname, "../../../prisma/workflow");

async function migratedFixture(database: OpenedDatabase): Promise<EventStoreFixture> {
  await migrateDatabase({ database, schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations") });
  const store = openWorkflowStore(database);
  return {
    ...store,
    async close() {
      await store.close();
      await database.close();
    },
  };
}

describe("Prisma event store on in-memory PGlite", () => {
  eventStoreContract(async () => migratedFixture(await openDatabase({ kind: "pglite" })));
});

describeWithService("postgres", "Prisma event store on a Postgres server", (serverUrl) => {
  eventStoreContract(async () =>
    migratedFixture(await openDatabase({ kind: "server", url: await createTestDatabase(serverUrl, "aiwf_workflow_test") })),
  );
});
