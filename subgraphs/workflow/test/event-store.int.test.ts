import path from "node:path";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase, type SqlTransaction } from "@aiwf/platform/postgres";
import { describeWithService } from "@aiwf/platform/testkit";
import type { AppendResult } from "../src/domain/event-store";
import { openWorkflowStore } from "../src/store/open-workflow-store";
import type { PrismaEventStore } from "../src/store/prisma-event-store";
import { eventStoreContract, type EventStoreFixture, type OpenTransaction } from "./event-store.contract";

const prismaDir = path.resolve(__dirname, "../../../prisma/workflow");

async function migratedFixture(database: OpenedDatabase): Promise<EventStoreFixture> {
  await migrateDatabase({ database, schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations") });
  const store = openWorkflowStore(database);
  return {
    ...store,
    openTransaction: () => openTransaction(store.events as PrismaEventStore),
    async close() {
      await store.close();
      await database.close();
    },
  };
}

/** A transaction of the store's own kind kept open until commit(), appending through the store's own code. */
async function openTransaction(events: PrismaEventStore): Promise<OpenTransaction> {
  let commit!: () => void;
  const committing = new Promise<void>((resolve) => (commit = resolve));
  let opened!: (tx: SqlTransaction) => void;
  const open = new Promise<SqlTransaction>((resolve) => (opened = resolve));
  const done = events.transact(async (tx) => {
    opened(tx);
    await committing;
  });
  const tx = await Promise.race([open, done.then(() => Promise.reject(new Error("the transaction ended before it opened")))]);
  return {
    takeTransactionId: async () => void (await tx.run({ name: "test_take_transaction_id", text: "SELECT pg_current_xact_id()::text" }, [])),
    append: (tenantId, streamId, expectedVersion, appended): Promise<AppendResult> => events.appendToStreamIn(tx, tenantId, streamId, expectedVersion, appended),
    async commit() {
      commit();
      await done;
    },
  };
}

describe("Prisma event store on in-memory PGlite", () => {
  eventStoreContract(async () => migratedFixture(await openDatabase({ kind: "pglite" })), { concurrentTransactions: false });
});

describeWithService("postgres", "Prisma event store on a Postgres server", (serverUrl) => {
  eventStoreContract(
    async () => migratedFixture(await openDatabase({ kind: "server", url: await createTestDatabase(serverUrl, "aiwf_workflow_test") })),
    { concurrentTransactions: true },
  );
});
