import { createLogger, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { createEventBus } from "@aiwf/platform/events";
import { createApp } from "./app";
import { knowledgeGraphConfigSchema } from "./config";
import { openGraphStore } from "./store/open-graph-store";

async function main(): Promise<void> {
  const config = loadConfigOrExit(knowledgeGraphConfigSchema, "knowledge-graph");
  const logger = createLogger({ service: "knowledge-graph", level: config.LOG_LEVEL });
  const store = await openGraphStore(config);
  logger.info({ store: config.DGRAPH_URL ? "dgraph" : "embedded" }, "graph store open");
  const events = createEventBus({ url: config.EVENT_BUS_URL, logger });
  const server = await createApp({
    store,
    events: events.bus,
    processedEvents: events.processedEvents,
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
    learningGraphTenants: config.LEARNING_GRAPH_TENANTS,
  })
    .start()
    .catch(async (error: unknown) => {
      await store.close(); // e.g. the port is taken: flush the snapshot before exiting
      await events.close();
      throw error;
    });
  stopOnSignals(logger, async () => {
    await server.stop();
    await events.close();
  });
}

runMain("knowledge-graph", main);
