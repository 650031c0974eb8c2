import { buildFederatedSchema, createSubgraphServer, type Logger } from "@aiwf/platform";
import type { EventBus } from "@aiwf/platform/events";
import type { OpenedDatabase } from "@aiwf/platform/postgres";
import type { GraphQLSchema } from "graphql";
import { DocumentService } from "./domain/document.service";
import { MAX_CONTENT_BYTES } from "./domain/ingest-input";
import { InMemoryVectorSearch } from "./domain/in-memory-vector-search";
import type { SearchIndex } from "./domain/search-index";
import { SearchService } from "./domain/search.service";
import type { EmbeddingProvider } from "./embedding/embedding-provider";
import { HashingEmbeddingProvider } from "./embedding/hashing-embedding-provider";
import type { ChunkingOptions } from "./domain/chunk-document";
import { AnalyzerPluginService } from "./plugins/analyzer-plugin.service";
import { PluginWorkerPool } from "./plugins/plugin-worker-pool";
import { AnalyzerPluginResolver } from "./plugins/schema/analyzer-plugin.resolver";
import { createOutboxRelay } from "./processing/outbox-relay";
import { createProcessingWorker, type ProcessingWorkerOptions } from "./processing/processing-worker";
import { AnalysisPluginsResolver } from "./schema/analysis-plugins.resolver";
import { AnalysisSummaryResolver } from "./schema/analysis-summary.resolver";
import { type ContentContext, createContentLoaders } from "./schema/context";
import { documentReference } from "./schema/document.reference";
import { DocumentResolver } from "./schema/document.resolver";
import { SearchResolver } from "./schema/search.resolver";
import { type ContentStores, openContentStores } from "./store/content-database";
import { UsearchVectorIndex } from "./store/usearch-vector-index";
import type { Summariser } from "./summary/summariser";

export interface ContentDeps {
  /** The content database (PGlite or a server, with pgvector); migrated at start, closed at stop. */
  database: OpenedDatabase;
  /** Where content.document.processed / .deleted go, through the outbox and its relay. */
  events: EventBus;
  logger: Logger;
  port: number;
  host?: string;
  internalTokenSecret: string;
  exposeInternalErrors?: boolean;
  clock?: () => Date;
  /** Default: the local deterministic provider (no network). */
  embeddings?: EmbeddingProvider;
  /** Default: none, summaries are extractive. */
  summariser?: Summariser;
  /** Default: DEFAULT_CHUNKING (2000 characters, 12% overlap). */
  chunking?: ChunkingOptions;
  /** HNSW candidates per semantic search in the database, the recall/latency knob (default DEFAULT_EF_SEARCH). */
  efSearch?: number;
  /** Where semantic search looks first (default memory): see SemanticIndexKind. */
  semanticIndex?: SemanticIndexKind;
  /** Chunks the in-memory index holds, all tenants together (default: no limit). */
  semanticIndexMaxChunks?: number;
  /** Background processing knobs (tests shorten the intervals). */
  processing?: Pick<ProcessingWorkerOptions, "pollMs" | "leaseMs" | "maxAttempts" | "retryBaseMs">;
  /** Outbox relay poll interval (default 500 ms; a processed document wakes it at once). */
  relayPollMs?: number;
}

/**
 * The content-processing subgraph schema. Without services it still prints the same SDL
 * (resolver instances are only needed to answer requests), which the compose script uses.
 */
export function buildContentSchema(services?: {
  documents: DocumentService;
  search: SearchService;
  plugins: AnalyzerPluginService;
}): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [DocumentResolver, SearchResolver, AnalysisPluginsResolver, AnalysisSummaryResolver, AnalyzerPluginResolver],
    resolverInstances: services
      ? [
          new DocumentResolver(services.documents, services.search),
          new SearchResolver(services.search),
          new AnalysisPluginsResolver(),
          new AnalysisSummaryResolver(),
          new AnalyzerPluginResolver(services.plugins),
        ]
      : undefined,
    referenceResolvers: { Document: documentReference },
  });
}

/**
 * Refuses to start when the provider's vectors would not fit the column: every write
 * (and every search) would fail otherwise, one document at a time.
 */
async function checkEmbeddingColumn(search: { embeddingDimensions(): Promise<number | null> }, embeddings: EmbeddingProvider) {
  const column = await search.embeddingDimensions();
  if (column !== embeddings.dimensions) {
    throw new Error(
      `the embedding provider ${embeddings.name} makes ${embeddings.dimensions}-dimension vectors, but document_chunks.embedding is vector(${column ?? "?"}): ` +
        "set EMBEDDING_DIMENSIONS to the column's size (with a model that supports it), or migrate the column and its HNSW index",
    );
  }
}

/**
 * `memory`: an in-memory vector index per tenant proposes candidates, which the database
 * re-ranks and checks (InMemoryVectorSearch); loaded in the background at start.
 * `database`: pgvector's HNSW index in the database alone, nothing held in memory.
 */
export type SemanticIndexKind = "memory" | "database";

function semanticSearch(deps: ContentDeps, stores: ContentStores, embeddings: EmbeddingProvider): SearchIndex & { close?(): void } {
  if (deps.semanticIndex === "database") return stores.search;
  const logger = deps.logger.child({ component: "vector-index" });
  const search = new InMemoryVectorSearch({
    source: stores.embeddings,
    database: stores.search,
    createIndex: () => new UsearchVectorIndex({ dimensions: embeddings.dimensions }),
    maxChunks: deps.semanticIndexMaxChunks,
    logger,
  });
  // Until a tenant's vectors are loaded, the database answers its searches.
  void search.warmUp().catch((error: unknown) => logger.error({ err: error }, "warming up the vector index failed"));
  return search;
}

// Room for 1 MiB of content even when JSON escaping (or base64) inflates it, so that the
// service, not the body parser, answers an oversized document (with PAYLOAD_TOO_LARGE).
const BODY_LIMIT = `${(MAX_CONTENT_BYTES * 4) / (1024 * 1024)}mb`;

export function createApp(deps: ContentDeps) {
  return {
    async start() {
      const stores = await openContentStores(deps.database, deps.logger, { efSearch: deps.efSearch });
      const events = deps.events;
      const embeddings = deps.embeddings ?? new HashingEmbeddingProvider();
      try {
        await checkEmbeddingColumn(stores.search, embeddings);
      } catch (error) {
        await stores.disconnect();
        await deps.database.close();
        throw error;
      }
      // Tenants' WebAssembly plugins run in these worker threads, never on this one.
      const pool = new PluginWorkerPool({ size: 2 });
      const plugins = new AnalyzerPluginService({ registry: stores.plugins, pool, clock: deps.clock });
      const relay = createOutboxRelay({ outbox: stores.outbox, events, logger: deps.logger.child({ component: "outbox-relay" }), pollMs: deps.relayPollMs });
      const worker = createProcessingWorker({
        queue: stores.queue,
        embeddings,
        plugins,
        summariser: deps.summariser,
        chunking: deps.chunking,
        logger: deps.logger.child({ component: "processing-worker" }),
        clock: deps.clock,
        // Events were written: publish them now rather than at the relay's next poll.
        onEventsRecorded: () => relay.wake(),
        ...deps.processing,
      });
      const documents = new DocumentService({ store: stores.documents, clock: deps.clock, onQueued: () => worker.wake(), onEventsRecorded: () => relay.wake() });
      const semantic = semanticSearch(deps, stores, embeddings);
      const search = new SearchService(semantic, embeddings);
      const server = await createSubgraphServer<ContentContext>({
        name: "content-processing",
        schema: await buildContentSchema({ documents, search, plugins }),
        port: deps.port,
        host: deps.host,
        logger: deps.logger,
        internalTokenSecret: deps.internalTokenSecret,
        exposeInternalErrors: deps.exposeInternalErrors,
        bodyLimit: BODY_LIMIT,
        readiness: [{ name: "postgres", check: () => deps.database.ping() }],
        createContext: (base) => ({ ...base, loaders: createContentLoaders(documents, base) }),
        onStop: async () => {
          semantic.close?.();
          await worker.stop();
          await relay.stop();
          // After the worker (no more plugin runs) and before the database.
          await pool.close();
          await stores.disconnect();
          await deps.database.close();
        },
      }).start();
      worker.start();
      relay.start();
      return server;
    },
  };
}
