import { createLogger, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { createEventBus } from "@aiwf/platform/events";
import { createApp } from "./app";
import { contentConfigSchema } from "./config";
import { contentProviders } from "./providers";
import { openContentDatabase } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(contentConfigSchema, "content-processing");
  const logger = createLogger({ service: "content-processing", level: config.LOG_LEVEL });
  if (!config.DATABASE_URL) logger.warn("DATABASE_URL is not set: documents are kept in an embedded PGlite database under DATA_DIR/content");
  const bus = createEventBus({ url: config.EVENT_BUS_URL, logger });
  const server = await createApp({
    database: await openContentDatabase(config),
    events: bus.bus,
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
    ...contentProviders(config),
  }).start();
  stopOnSignals(logger, async () => {
    await server.stop(); // the worker and the relay first; the bus goes last
    await bus.close();
  });
}

runMain("content-processing", main);
