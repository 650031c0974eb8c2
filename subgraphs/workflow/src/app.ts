import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import { migrateDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import type { GraphQLSchema } from "graphql";
import { WorkflowService } from "./domain/workflow.service";
import { createWorkflowLoaders, type WorkflowContext } from "./schema/context";
import { referenceResolvers } from "./schema/reference-resolvers";
import { WorkflowResolver } from "./schema/workflow.resolver";
import { openWorkflowStore } from "./store/open-workflow-store";
import { workflowMigrations } from "./store/workflow-migrations";

export interface WorkflowDeps {
  /** PGlite or a server, opened by the caller; the app migrates it and, when stopped, closes it. */
  database: OpenedDatabase;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  /** The clock events are recorded with; tests may fix it. */
  now?: () => Date;
}

/**
 * The workflow subgraph schema. Without a service it prints the same SDL (resolver
 * instances are only needed to answer requests), which the compose script uses.
 */
export function buildWorkflowSchema(workflows?: WorkflowService): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [WorkflowResolver],
    resolverInstances: workflows ? [new WorkflowResolver(workflows)] : undefined,
    referenceResolvers,
  });
}

export function createApp(deps: WorkflowDeps) {
  const { database, logger } = deps;
  return {
    async start() {
      await migrateDatabase({ database, ...workflowMigrations, logger });
      const store = openWorkflowStore(database, { now: deps.now });
      const workflows = new WorkflowService({ events: store.events, workflows: store.workflows });
      return createSubgraphServer<WorkflowContext>({
        name: "workflow",
        schema: await buildWorkflowSchema(workflows),
        port: deps.port,
        host: deps.host,
        logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        readiness: [{ name: "postgres", check: () => database.ping() }],
        createContext: (base) => ({ ...base, loaders: createWorkflowLoaders(workflows, base.identity.tenantId) }),
        onStop: async () => {
          await store.close();
          await database.close();
        },
      }).start();
    },
  };
}
