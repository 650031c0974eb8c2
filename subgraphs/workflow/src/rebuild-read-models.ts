/**
 * The projection rebuild command: replays every tenant's events into fresh read models.
 *
 *   node -r ./scripts/register.js subgraphs/workflow/src/rebuild-read-models.ts
 *
 * Uses the same DATABASE_URL / DATA_DIR as the service (stop an embedded service first:
 * PGlite has one owner).
 */
import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { migrateDatabase } from "@aiwf/platform/postgres";
import { workflowConfigSchema } from "./config";
import { openWorkflowDatabase } from "./stores";
import { createPrismaClient } from "./store/prisma-client";
import { rebuildReadModels } from "./store/rebuild-read-models";
import { workflowMigrations } from "./store/workflow-migrations";

async function main(): Promise<void> {
  const config = loadConfigOrExit(workflowConfigSchema, "workflow");
  const logger = createLogger({ service: "workflow-rebuild", level: config.LOG_LEVEL });
  const database = await openWorkflowDatabase(config);
  const prisma = createPrismaClient(database);
  try {
    await migrateDatabase({ database, ...workflowMigrations, logger });
    const tenants = await prisma.event.findMany({ distinct: ["tenantId"], select: { tenantId: true } });
    for (const { tenantId } of tenants) logger.info({ tenantId, ...(await rebuildReadModels(prisma, database, tenantId)) }, "rebuilt read models");
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
