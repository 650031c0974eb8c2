import path from "node:path";
import { createTestDatabase, migrateDatabase, openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { describeWithService } from "@aiwf/platform/testkit";
import { createInMemoryUsageRecorder } from "../src/ai/usage-recorder";
import { createPrismaClient } from "../src/store/prisma-client";
import { PrismaModelUsageRecorder } from "../src/store/prisma-usage-recorder";
import { usageRecorderContract, type UsageRecorderFixture } from "./usage-recorder.contract";

const prismaDir = path.resolve(__dirname, "../../../prisma/workflow");

async function prismaFixture(database: OpenedDatabase): Promise<UsageRecorderFixture> {
  await migrateDatabase({ database, schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations") });
  const prisma = createPrismaClient(database);
  return {
    recorder: new PrismaModelUsageRecorder(prisma),
    async close() {
      await prisma.$disconnect();
      await database.close();
    },
  };
}

describe("in-memory model usage recorder", () => {
  usageRecorderContract(async () => ({ recorder: createInMemoryUsageRecorder(), close: async () => undefined }));
});

describe("Prisma model usage recorder on in-memory PGlite", () => {
  usageRecorderContract(async () => prismaFixture(await openDatabase({ kind: "pglite" })));
});

describeWithService("postgres", "Prisma model usage recorder on a Postgres server", (serverUrl) => {
  usageRecorderContract(async () => prismaFixture(await openDatabase({ kind: "server", url: await createTestDatabase(serverUrl, "aiwf_workflow_usage_test") })));
});
