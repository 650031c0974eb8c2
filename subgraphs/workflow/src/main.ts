import { createLogger, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { createEventBus } from "@aiwf/platform/events";
import { openDatabase } from "@aiwf/platform/postgres";
import { createLlmProviders } from "./ai/providers";
import { createApp } from "./app";
import { executorOptionsOf, egressPolicyOf, workflowConfigSchema } from "./config";
import { databaseTarget } from "./stores";

async function main(): Promise<void> {
  const config = loadConfigOrExit(workflowConfigSchema, "workflow");
  const logger = createLogger({ service: "workflow", level: config.LOG_LEVEL });
  const target = databaseTarget(config);
  const database = await openDatabase(target);
  const bus = createEventBus({ url: config.EVENT_BUS_URL, logger });
  logger.info({ database: target.kind === "server" ? "postgres" : `pglite (${target.dataDir})` }, "database open");
  const server = await createApp({
    database,
    events: bus.bus,
    // Only the local provider until remote providers' settings are in config.ts.
    llm: createLlmProviders({}),
    executor: executorOptionsOf(config),
    logger,
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    gatewayUrl: config.GATEWAY_URL,
    mcpAllowStdio: config.MCP_ALLOW_STDIO,
    egress: egressPolicyOf(config),
    exposeInternalErrors: config.NODE_ENV === "development",
  })
    .start()
    .catch(async (error: unknown) => {
      await database.close(); // e.g. a failed migration or a taken port: PGlite flushes its folder
      await bus.close();
      throw error;
    });
  stopOnSignals(logger, async () => {
    await server.stop();
    await bus.close();
  });
}

runMain("workflow", main);
