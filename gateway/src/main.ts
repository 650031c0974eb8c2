import "reflect-metadata";
import { createLogger, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { createGatewayApp } from "./app";
import { gatewayConfigSchema } from "./config";

/** `npm run start:gateway`: the gateway alone, in front of subgraphs running elsewhere. */
async function main() {
  const config = loadConfigOrExit(gatewayConfigSchema, "gateway");
  const logger = createLogger({ service: "gateway", level: config.LOG_LEVEL });
  const gateway = await createGatewayApp({ config, logger }).start();
  stopOnSignals(logger, () => gateway.stop());
}

runMain("gateway", main);
