import "reflect-metadata";
import { createLogger, loadConfigOrExit } from "@aiwf/platform";
import { createGatewayApp } from "./app";
import { gatewayConfigSchema } from "./config";

/** `npm run start:gateway`: the gateway alone, in front of subgraphs running elsewhere. */
async function main() {
  const config = loadConfigOrExit(gatewayConfigSchema, "gateway");
  const logger = createLogger({ service: "gateway", level: config.LOG_LEVEL });
  const gateway = await createGatewayApp({ config, logger }).start();
  const stop = async (signal: string) => {
    logger.info({ signal }, "stopping");
    await gateway.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`gateway: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
