import { createLogger, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { createEventBus } from "@aiwf/platform/events";
import { createApp } from "./app";
import { realtimeConfigSchema } from "./config";
import { createStores } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(realtimeConfigSchema, "realtime");
  const logger = createLogger({ service: "realtime", level: config.LOG_LEVEL });
  const events = createEventBus({ url: config.EVENT_BUS_URL, logger });
  const stores = await createStores(config, logger);
  const server = await createApp({
    ...stores,
    events: events.bus,
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
    onStop: async () => {
      await events.close();
      await stores.onStop?.();
    },
  }).start();
  stopOnSignals(logger, () => server.stop());
}

runMain("realtime", main);
