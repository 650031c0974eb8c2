import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import type { EventBus } from "@aiwf/platform/events";
import { migrateDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import type { GraphQLSchema } from "graphql";
import type { LlmProviders } from "./ai/llm-provider";
import type { ModelUsageRecorder } from "./ai/usage-recorder";
import { withUsageRecording } from "./ai/with-usage-recording";
import { RunService } from "./domain/run/run.service";
import { WorkflowService } from "./domain/workflow.service";
import { createActivities } from "./executor/activities";
import type { EgressPolicy } from "./egress/egress";
import { localLlmProviders } from "./executor/local-llm";
import { RunWorker, type WorkerOptions } from "./executor/run-worker";
import { createWorkflowLoaders, type WorkflowContext } from "./schema/context";
import { ModelUsageResolver } from "./schema/model-usage.resolver";
import { referenceResolvers } from "./schema/reference-resolvers";
import { RunResolver } from "./schema/run.resolver";
import { WorkflowResolver } from "./schema/workflow.resolver";
import { McpServerResolver } from "./schema/mcp-server.resolver";
import { createGatewayClient } from "./executor/gateway-client";
import { createMcpToolCaller } from "./mcp/mcp-tool-caller";
import { McpServerService } from "./mcp/mcp-server.service";
import { PrismaMcpServerRegistry } from "./store/prisma-mcp-server-registry";
import { OutboxRelay } from "./store/outbox-relay";
import { openWorkflowStore } from "./store/open-workflow-store";
import { PrismaModelUsageRecorder } from "./store/prisma-usage-recorder";
import { workflowMigrations } from "./store/workflow-migrations";

export interface WorkflowDeps {
  /** PGlite or a server, opened by the caller; the app migrates it and, when stopped, closes it. */
  database: OpenedDatabase;
  /** Where run updates are published (through the outbox); the caller creates and closes it. */
  events: EventBus;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  /** The models `llm` nodes call; default: only the local deterministic provider. */
  llm?: LlmProviders;
  /** Where every llm call's tokens, cost and latency go; default: the `model_usage` table. */
  usage?: ModelUsageRecorder;
  /** Lease, polling and concurrency of this instance's executor. */
  executor?: WorkerOptions;
  /** The clock events and timers use; tests may fix it. */
  now?: () => Date;
  /** Retry jitter in [0, 1); tests may fix it. */
  random?: () => number;
  /** For http steps; tests may intercept. */
  fetch?: typeof fetch;
  /** Where tenants' http steps and MCP servers may connect (default: anywhere); see EgressPolicy. */
  egress?: EgressPolicy;
  /**
   * The gateway's /graphql, for contentIngest and knowledgeLink steps (a function when the
   * URL is known only after start, as in the embedded stack); unset, those steps fail.
   */
  gatewayUrl?: string | (() => string | undefined);
  /** Whether tenant admins may register stdio MCP servers (processes on this host). */
  mcpAllowStdio?: boolean;
}

/**
 * The workflow subgraph schema. Without services it prints the same SDL (resolver
 * instances are only needed to answer requests), which the compose script uses.
 */
export function buildWorkflowSchema(services?: { workflows: WorkflowService; runs: RunService; usage: ModelUsageRecorder; mcpServers: McpServerService }): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WorkflowResolver, RunResolver, ModelUsageResolver, McpServerResolver],
    resolverInstances: services
      ? [new WorkflowResolver(services.workflows, services.runs), new RunResolver(services.runs), new ModelUsageResolver(services.usage), new McpServerResolver(services.mcpServers)]
      : undefined,
    referenceResolvers,
  });
}

export function createApp(deps: WorkflowDeps) {
  const { database, logger } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async start() {
      await migrateDatabase({ database, ...workflowMigrations, logger });
      const store = openWorkflowStore(database, { now });
      const usage = deps.usage ?? new PrismaModelUsageRecorder(store.prisma);
      // Every provider call is recorded here, whoever built the providers (main.ts, tests).
      const llm = withUsageRecording(deps.llm ?? localLlmProviders(), usage, {
        now,
        onRecordError: (error) => logger.warn({ err: error }, "recording model usage failed; the completion stands"),
      });
      // Step retries follow the node's durable policy; the caller itself tries once.
      const mcpCaller = createMcpToolCaller({ retry: { maxAttempts: 1 }, egress: deps.egress });
      const mcpServers = new McpServerService({ registry: new PrismaMcpServerRegistry(store.prisma), pool: mcpCaller.pool, allowStdio: deps.mcpAllowStdio ?? false, now });
      const gateway = deps.gatewayUrl ? createGatewayClient({ url: deps.gatewayUrl, internalTokenSecret: deps.internalTokenSecret, fetch: deps.fetch }) : undefined;
      const activities = createActivities({ llm, fetch: deps.fetch, egress: deps.egress, mcp: { servers: mcpServers, caller: mcpCaller }, gateway });
      const worker = new RunWorker(
        { events: store.events, tasks: store.tasks, activities, now, random: deps.random ?? Math.random, logger: logger.child({ component: "executor" }) },
        deps.executor,
      );
      const relay = new OutboxRelay({ prisma: store.prisma, bus: deps.events, logger: logger.child({ component: "outbox-relay" }) });
      const workflows = new WorkflowService({ events: store.events, workflows: store.workflows });
      const runs = new RunService({
        events: store.events,
        runs: store.runs,
        workflows: store.workflows,
        onRunChanged: ({ tenantId, runId, cancelled }) => {
          if (cancelled) worker.abortRun(tenantId, runId);
          worker.nudge();
          void relay.publishPending().catch(() => undefined);
        },
      });
      const server = await createSubgraphServer<WorkflowContext>({
        name: "workflow",
        schema: await buildWorkflowSchema({ workflows, runs, usage, mcpServers }),
        port: deps.port,
        host: deps.host,
        logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        readiness: [{ name: "postgres", check: () => database.ping() }],
        createContext: (base) => ({ ...base, loaders: createWorkflowLoaders({ workflows, runs }, base.identity.tenantId) }),
        onStop: async () => {
          await worker.stop();
          await mcpCaller.close();
          await relay.stop();
          await store.close();
          await database.close();
        },
      }).start();
      worker.start();
      relay.start();
      return server;
    },
  };
}
