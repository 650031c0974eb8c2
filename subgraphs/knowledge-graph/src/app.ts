import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import type { GraphQLSchema } from "graphql";
import { ConceptService } from "./domain/concept.service";
import type { GraphStore } from "./domain/graph-store";
import { ConceptResolver } from "./schema/concept.resolver";
import { createKnowledgeGraphLoaders, type KnowledgeGraphContext } from "./schema/context";
import { DocumentResolver } from "./schema/document.resolver";
import { referenceResolvers } from "./schema/reference-resolvers";

export interface KnowledgeGraphDeps {
  /** The app owns it from here on: stopping the app closes it. */
  store: GraphStore;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
}

/**
 * The knowledge-graph subgraph schema. Without a service it prints the same SDL
 * (resolver instances are only needed to answer requests), which the compose script uses.
 */
export function buildKnowledgeGraphSchema(concepts?: ConceptService): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ConceptResolver, DocumentResolver],
    resolverInstances: concepts ? [new ConceptResolver(concepts), new DocumentResolver()] : undefined,
    referenceResolvers,
  });
}

export function createApp(deps: KnowledgeGraphDeps) {
  const concepts = new ConceptService(deps.store);
  return {
    async start() {
      return createSubgraphServer<KnowledgeGraphContext>({
        name: "knowledge-graph",
        schema: await buildKnowledgeGraphSchema(concepts),
        port: deps.port,
        host: deps.host,
        logger: deps.logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        readiness: [{ name: "graph-store", check: () => deps.store.checkHealth() }],
        createContext: (base) => ({ ...base, loaders: createKnowledgeGraphLoaders(concepts, base.identity.tenantId) }),
        onStop: () => deps.store.close(),
      }).start();
    },
  };
}
