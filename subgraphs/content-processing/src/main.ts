import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { createApp } from "./app";
import { contentConfigSchema } from "./config";
import { openContentDatabase } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(contentConfigSchema, "content-processing");
  const logger = createLogger({ service: "content-processing", level: config.LOG_LEVEL });
  if (!config.DATABASE_URL) logger.warn("DATABASE_URL is not set: documents are kept in an embedded PGlite database under DATA_DIR/content");
  const server = await createApp({
    database: await openContentDatabase(config),
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
  }).start();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "stopping");
      server.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "failed to stop cleanly");
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`content-processing: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
