import "reflect-metadata";
import path from "node:path";
import { z } from "zod";
import { createLogger, env, loadConfigOrExit, runMain, stopOnSignals } from "@aiwf/platform";
import { startEmbeddedStack } from "./embedded/start-embedded-stack";

/** `npm start`: the whole supergraph in one process on embedded stores. */
const devConfigSchema = z.object({
  PORT: env.port(4000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default(path.resolve(__dirname, "..", "..", ".data")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  AUTH_MODE: z.enum(["required", "optional"]).default("required"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

async function main() {
  const started = Date.now();
  const config = loadConfigOrExit(devConfigSchema, "npm start");
  if (config.NODE_ENV === "production") {
    process.stderr.write("npm start: NODE_ENV: production refuses embedded stores; run each service with npm run start:<service>\n");
    process.exit(1);
  }
  const logger = createLogger({ service: "embedded", level: config.LOG_LEVEL });
  const stack = await startEmbeddedStack({
    dataDir: config.DATA_DIR,
    host: config.HOST,
    gatewayPort: config.PORT,
    logLevel: config.LOG_LEVEL,
    gatewayEnv: { AUTH_MODE: config.AUTH_MODE },
    subgraphEnv: process.env,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const sandbox = stack.gateway.url.replace("127.0.0.1", "localhost");
  process.stdout.write(
    [
      "",
      `  AI workflow engine supergraph ready in ${seconds} s (embedded stores in ${config.DATA_DIR})`,
      "",
      `  Sandbox:   ${sandbox}   (the token below is preloaded in its headers)`,
      ...Object.entries(stack.subgraphs).map(([name, server]) => `  ${name.padEnd(19)}${server.url}`),
      "",
      "  Development token (tenant dev, 12 h):",
      `  Authorization: Bearer ${stack.developmentToken}`,
      "",
    ].join("\n") + "\n",
  );
  stopOnSignals(logger, () => stack.stop());
}

runMain("npm start", main);
