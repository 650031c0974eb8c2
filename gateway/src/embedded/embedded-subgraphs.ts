import type { RunningServer } from "@aiwf/platform";
import { createLogger, parseConfig } from "@aiwf/platform";
import type { EventBus } from "@aiwf/platform/events";
import { createApp as createContentApp } from "@aiwf/content-processing/src/app";
import { contentConfigSchema } from "@aiwf/content-processing/src/config";
import { contentProviders } from "@aiwf/content-processing/src/providers";
import { openContentDatabase } from "@aiwf/content-processing/src/stores";
import { createApp as createKnowledgeGraphApp } from "@aiwf/knowledge-graph/src/app";
import { knowledgeGraphConfigSchema } from "@aiwf/knowledge-graph/src/config";
import { openGraphStore } from "@aiwf/knowledge-graph/src/store/open-graph-store";
import { createApp as createWorkflowApp } from "@aiwf/workflow/src/app";
import { executorOptionsOf, egressPolicyOf, workflowConfigSchema } from "@aiwf/workflow/src/config";
import { openWorkflowDatabase } from "@aiwf/workflow/src/stores";
import { createApp as createRealtimeApp } from "@aiwf/realtime/src/app";
import { realtimeConfigSchema } from "@aiwf/realtime/src/config";
import { createStores as createRealtimeStores } from "@aiwf/realtime/src/stores";

/** What every subgraph needs to start inside the embedded process. */
export interface EmbeddedSubgraphSettings {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  internalTokenSecret: string;
  /** The in-process event bus all embedded services share, as they would share Redis. */
  events: EventBus;
  /** This process's gateway /graphql; known only once the gateway listens, after the subgraphs. */
  gatewayUrl: () => string | undefined;
  /** The operator's environment (`npm start` passes process.env; tests pass none, to stay hermetic). */
  env?: NodeJS.ProcessEnv;
}

export interface EmbeddedSubgraph {
  /** The name in rover.yaml and the supergraph. */
  name: "workflow" | "content-processing" | "knowledge-graph" | "realtime";
  /** The gateway variable that points at it. */
  urlVariable: "WORKFLOW_URL" | "CONTENT_URL" | "KNOWLEDGE_URL" | "REALTIME_URL";
  defaultPort: number;
  start(settings: EmbeddedSubgraphSettings): Promise<RunningServer>;
}

/**
 * What the embedded process decides itself, whatever the environment says: where data lives
 * (embedded stores, never a server URL a shell happens to export), how the services find and
 * trust each other, and the mode.
 */
const DECIDED_BY_THE_STACK = new Set(["DATABASE_URL", "REDIS_URL", "DGRAPH_URL", "EVENT_BUS_URL", "GATEWAY_URL", "NODE_ENV", "PORT", "HOST", "DATA_DIR", "LOG_LEVEL", "INTERNAL_TOKEN_SECRET"]);

/**
 * The environment a subgraph's own config schema parses: the operator's settings (rate
 * limits, chunking, providers...) from `settings.env`, over embedded stores and this stack's
 * ports and secret. Each schema reads only its own variables.
 */
export function embeddedEnv(settings: Omit<EmbeddedSubgraphSettings, "events" | "gatewayUrl">): NodeJS.ProcessEnv {
  const operatorSettings = Object.entries(settings.env ?? {}).filter(([name]) => !DECIDED_BY_THE_STACK.has(name));
  return {
    ...Object.fromEntries(operatorSettings),
    NODE_ENV: "development",
    PORT: String(settings.port),
    HOST: settings.host,
    DATA_DIR: settings.dataDir,
    LOG_LEVEL: settings.logLevel,
    INTERNAL_TOKEN_SECRET: settings.internalTokenSecret,
  };
}

/** What every subgraph app takes besides its stores; each logs under its own name. */
function appDeps(service: string, settings: EmbeddedSubgraphSettings, config: { PORT: number; HOST: string; INTERNAL_TOKEN_SECRET: string }) {
  return {
    logger: createLogger({ service, level: settings.logLevel }),
    port: config.PORT,
    host: config.HOST,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    exposeInternalErrors: true,
    events: settings.events,
  };
}

const realtime: EmbeddedSubgraph = {
  name: "realtime",
  urlVariable: "REALTIME_URL",
  defaultPort: 8081,
  async start(settings) {
    const config = parseConfig(realtimeConfigSchema, embeddedEnv(settings));
    const deps = appDeps("realtime", settings, config);
    return createRealtimeApp({ ...(await createRealtimeStores(config, deps.logger)), ...deps }).start();
  },
};

const knowledgeGraph: EmbeddedSubgraph = {
  name: "knowledge-graph",
  urlVariable: "KNOWLEDGE_URL",
  defaultPort: 3002,
  async start(settings) {
    const config = parseConfig(knowledgeGraphConfigSchema, embeddedEnv(settings));
    return createKnowledgeGraphApp({ store: await openGraphStore(config), ...appDeps("knowledge-graph", settings, config) }).start();
  },
};

const workflow: EmbeddedSubgraph = {
  name: "workflow",
  urlVariable: "WORKFLOW_URL",
  defaultPort: 8080,
  async start(settings) {
    const config = parseConfig(workflowConfigSchema, embeddedEnv(settings));
    const deps = {
      database: await openWorkflowDatabase(config),
      gatewayUrl: settings.gatewayUrl,
      executor: executorOptionsOf(config),
      egress: egressPolicyOf(config),
      ...appDeps("workflow", settings, config),
    };
    return createWorkflowApp(deps).start();
  },
};

const content: EmbeddedSubgraph = {
  name: "content-processing",
  urlVariable: "CONTENT_URL",
  defaultPort: 8082,
  async start(settings) {
    const config = parseConfig(contentConfigSchema, embeddedEnv(settings));
    return createContentApp({ database: await openContentDatabase(config), ...contentProviders(config), ...appDeps("content-processing", settings, config) }).start();
  },
};

export const EMBEDDED_SUBGRAPHS: EmbeddedSubgraph[] = [workflow, content, knowledgeGraph, realtime];
