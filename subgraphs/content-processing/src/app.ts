import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import type { OpenedDatabase } from "@aiwf/platform/postgres";
import type { GraphQLSchema } from "graphql";
import { DocumentService } from "./domain/document.service";
import { MAX_CONTENT_BYTES } from "./domain/ingest-input";
import { type ContentContext, createContentLoaders } from "./schema/context";
import { documentReference } from "./schema/document.reference";
import { DocumentResolver } from "./schema/document.resolver";
import { openContentStores } from "./store/content-database";

export interface ContentDeps {
  /** The content database (PGlite or a server, with pgvector); migrated at start, closed at stop. */
  database: OpenedDatabase;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  clock?: () => Date;
}

/**
 * The content-processing subgraph schema. Without a service it still prints the same SDL
 * (resolver instances are only needed to answer requests), which the compose script uses.
 */
export function buildContentSchema(documents?: DocumentService): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [DocumentResolver],
    resolverInstances: documents ? [new DocumentResolver(documents)] : undefined,
    referenceResolvers: { Document: documentReference },
  });
}

// Room for 1 MiB of content even when JSON escaping inflates it, so that the service,
// not the body parser, answers an oversized document (with PAYLOAD_TOO_LARGE).
const BODY_LIMIT = `${(MAX_CONTENT_BYTES * 4) / (1024 * 1024)}mb`;

export function createApp(deps: ContentDeps) {
  return {
    async start() {
      const stores = await openContentStores(deps.database, deps.logger);
      const documents = new DocumentService({ store: stores.documents, clock: deps.clock });
      return createSubgraphServer<ContentContext>({
        name: "content-processing",
        schema: await buildContentSchema(documents),
        port: deps.port,
        host: deps.host,
        logger: deps.logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        bodyLimit: BODY_LIMIT,
        readiness: [{ name: "postgres", check: () => deps.database.ping() }],
        createContext: (base) => ({ ...base, loaders: createContentLoaders(documents, base) }),
        onStop: async () => {
          await stores.disconnect();
          await deps.database.close();
        },
      }).start();
    },
  };
}
