import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { createApp } from "./app";
import { knowledgeGraphConfigSchema } from "./config";
import { openGraphStore } from "./store/open-graph-store";

async function main(): Promise<void> {
  const config = loadConfigOrExit(knowledgeGraphConfigSchema, "knowledge-graph");
  const logger = createLogger({ service: "knowledge-graph", level: config.LOG_LEVEL });
  const store = await openGraphStore(config);
  logger.info({ store: config.DGRAPH_URL ? "dgraph" : "embedded" }, "graph store open");
  const server = await createApp({
    store,
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: config.NODE_ENV === "development",
  })
    .start()
    .catch(async (error: unknown) => {
      await store.close(); // e.g. the port is taken: flush the snapshot before exiting
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
  process.stderr.write(`knowledge-graph: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
