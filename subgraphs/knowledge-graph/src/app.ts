import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import { InMemoryProcessedEventLog, type EventBus, type ProcessedEventLog } from "@aiwf/platform/events";
import type { GraphQLSchema } from "graphql";
import { ConceptService } from "./domain/concept.service";
import { DocumentConceptsService } from "./domain/document-concepts.service";
import { GraphMetricsService } from "./domain/graph-metrics.service";
import { LearningGraphs } from "./domain/learning-graphs";
import type { GraphStore } from "./domain/graph-store";
import { subscribeToDocumentEvents } from "./events/document-events";
import { ConceptResolver } from "./schema/concept.resolver";
import { createKnowledgeGraphLoaders, type KnowledgeGraphContext } from "./schema/context";
import { DocumentResolver } from "./schema/document.resolver";
import { GraphResolver } from "./schema/graph.resolver";
import { referenceResolvers } from "./schema/reference-resolvers";

export interface KnowledgeGraphDeps {
  /** The app owns it from here on: stopping the app closes it. */
  store: GraphStore;
  /** Document events arrive here; the caller owns (and closes) the bus. */
  events: EventBus;
  /**
   * Which events were already handled. Defaults to an in-memory log, right for the
   * in-process bus; with Redis pass createEventBus's `processedEvents` so instances share it.
   */
  processedEvents?: ProcessedEventLog;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  /** Quiet time after a change before importance and communities are recomputed (default 2 s). */
  metricsDebounceMs?: number;
  /** Tenants whose graphs are kept in memory for learning paths (default 8). */
  learningGraphTenants?: number;
}

interface Services {
  concepts: ConceptService;
  metrics: GraphMetricsService;
}

/**
 * The knowledge-graph subgraph schema. Without services it prints the same SDL
 * (resolver instances are only needed to answer requests), which the compose script uses.
 */
export function buildKnowledgeGraphSchema(services?: Services): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ConceptResolver, DocumentResolver, GraphResolver],
    resolverInstances: services
      ? [new ConceptResolver(services.concepts), new DocumentResolver(), new GraphResolver(services.concepts, services.metrics)]
      : undefined,
    referenceResolvers,
  });
}

export function createApp(deps: KnowledgeGraphDeps) {
  const metrics = new GraphMetricsService(deps.store, { debounceMs: deps.metricsDebounceMs ?? 2_000, logger: deps.logger });
  const onChange = (tenantId: string) => metrics.scheduleRecompute(tenantId);
  const learningGraphs = new LearningGraphs(deps.store, {
    maxTenants: deps.learningGraphTenants,
    onLoad: (load) => deps.logger.info(load, "learning graph loaded"),
  });
  const concepts = new ConceptService(deps.store, { onChange, learningGraphs });
  const documents = new DocumentConceptsService(deps.store, onChange, learningGraphs);
  return {
    async start() {
      const subscriptions = await subscribeToDocumentEvents(deps.events, deps.processedEvents ?? new InMemoryProcessedEventLog(), documents, deps.logger);
      const stopConsuming = () => Promise.all(subscriptions.map((subscription) => subscription.close()));
      try {
        return await createSubgraphServer<KnowledgeGraphContext>({
          name: "knowledge-graph",
          schema: await buildKnowledgeGraphSchema({ concepts, metrics }),
          port: deps.port,
          host: deps.host,
          logger: deps.logger,
          internalTokenSecret: deps.internalTokenSecret,
          exposeInternalErrors: deps.exposeInternalErrors,
          readiness: [{ name: "graph-store", check: () => deps.store.checkHealth() }],
          createContext: (base) => ({ ...base, loaders: createKnowledgeGraphLoaders(concepts, base.identity.tenantId) }),
          // In-flight events finish, then running recomputations, before the store closes.
          onStop: async () => {
            await stopConsuming();
            await metrics.close();
            await deps.store.close();
          },
        }).start();
      } catch (error) {
        await stopConsuming();
        await metrics.close();
        throw error;
      }
    },
  };
}
