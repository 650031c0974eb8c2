import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { createApp } from "./app";
import { realtimeConfigSchema } from "./config";
import { createStores } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(realtimeConfigSchema, "realtime");
  const logger = createLogger({ service: "realtime", level: config.LOG_LEVEL });
  const server = await createApp({
    ...(await createStores(config, logger)),
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
  process.stderr.write(`realtime: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
