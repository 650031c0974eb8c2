import { randomBytes } from "node:crypto";
import { createLogger, parseConfig, type RunningServer } from "@aiwf/platform";
import { createEventBus } from "@aiwf/platform/events";
import { createGatewayApp, type RunningGateway } from "../app";
import { issueDevelopmentToken } from "../auth/development-token";
import { gatewayConfigSchema } from "../config";
import { EMBEDDED_SUBGRAPHS } from "./embedded-subgraphs";

export interface EmbeddedStackOptions {
  /** Folder for PGlite files and the graph snapshot. */
  dataDir: string;
  host?: string;
  /** 0 for every port picks free ones (tests); otherwise the seed's ports. */
  useFreePorts?: boolean;
  gatewayPort?: number;
  logLevel?: string;
  /** The secret the gateway signs identities for subgraphs with; random per stack unless given (a test's own subgraph process needs it). */
  internalTokenSecret?: string;
  /** Settings for the embedded subgraphs (rate limits, providers...); stores, ports and secrets stay the stack's. */
  subgraphEnv?: NodeJS.ProcessEnv;
  /** Extra gateway settings (AUTH_MODE, JWT_SECRET, SUPERGRAPH_PATH...). */
  gatewayEnv?: NodeJS.ProcessEnv;
}

export interface EmbeddedStack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningServer>;
  /** A token for tenant `dev`, signed with the stack's JWT secret. */
  developmentToken: string;
  jwt: { secret: string; issuer: string; audience: string };
  stop(): Promise<void>;
}

/**
 * The whole supergraph in one process: the four subgraphs on embedded stores, then the
 * gateway pointed at them. `npm start` and the end-to-end tests both run through here.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const logLevel = options.logLevel ?? "info";
  const host = options.host ?? "127.0.0.1";
  // A fresh secret per process: embedded subgraphs trust only this process's gateway.
  const internalTokenSecret = options.internalTokenSecret ?? randomBytes(32).toString("hex");
  const events = createEventBus({ url: undefined, logger: createLogger({ service: "event-bus", level: logLevel }) });
  const subgraphs: Record<string, RunningServer> = {};
  const urls: Record<string, string> = {};
  // Workflow runs call the supergraph through this process's gateway (contentIngest, knowledgeLink).
  let gatewayUrl: string | undefined;
  try {
    await Promise.all(
      EMBEDDED_SUBGRAPHS.map(async (subgraph) => {
        const port = options.useFreePorts ? 0 : subgraph.defaultPort;
        const running = await subgraph.start({ port, host, dataDir: options.dataDir, logLevel, internalTokenSecret, events: events.bus, gatewayUrl: () => gatewayUrl, env: options.subgraphEnv });
        subgraphs[subgraph.name] = running;
        urls[subgraph.urlVariable] = running.url;
      }),
    );
    const config = parseConfig(gatewayConfigSchema, {
      NODE_ENV: "development",
      LOG_LEVEL: logLevel,
      HOST: host,
      PORT: String(options.useFreePorts ? 0 : (options.gatewayPort ?? 4000)),
      INTERNAL_TOKEN_SECRET: internalTokenSecret,
      ...urls,
      ...options.gatewayEnv,
    });
    const developmentToken = await issueDevelopmentToken({ secret: config.JWT_SECRET!, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    const gateway = await createGatewayApp({ config, logger: createLogger({ service: "gateway", level: logLevel }), developmentToken }).start();
    gatewayUrl = gateway.url;
    const stop = async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((server) => server.stop()));
      await events.close();
    };
    return { gateway, subgraphs, developmentToken, jwt: { secret: config.JWT_SECRET!, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, stop };
  } catch (error) {
    await Promise.allSettled(Object.values(subgraphs).map((server) => server.stop()));
    await events.close();
    throw error;
  }
}
