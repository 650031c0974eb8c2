import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { openDatabase } from "@aiwf/platform/postgres";
import { createApp } from "./app";
import { workflowConfigSchema } from "./config";
import { databaseTarget } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(workflowConfigSchema, "workflow");
  const logger = createLogger({ service: "workflow", level: config.LOG_LEVEL });
  const target = databaseTarget(config);
  const database = await openDatabase(target);
  logger.info({ database: target.kind === "server" ? "postgres" : `pglite (${target.dataDir})` }, "database open");
  const server = await createApp({
    database,
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
  })
    .start()
    .catch(async (error: unknown) => {
      await database.close(); // e.g. a failed migration or a taken port: PGlite flushes its folder
      throw error;
    });

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "stopping");
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "unclean stop");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`workflow: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
