import path from "node:path";
import type { Logger } from "@aiwf/platform";
import { migrateDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { PrismaPluginRegistry } from "../plugins/store/prisma-plugin-registry";
import { PrismaClient } from "./generated/prisma/client";
import { PostgresChunkEmbeddings } from "./postgres-chunk-embeddings";
import { PrismaDocumentStore } from "./prisma-document.store";
import { PrismaOutbox } from "./prisma-outbox";
import { PrismaProcessingQueue } from "./prisma-processing-queue";
import { PrismaSearchIndex } from "./prisma-search-index";

/** prisma/content at the repository root: the schema and migrations this subgraph owns. */
const PRISMA_DIR = path.resolve(__dirname, "../../../../prisma/content");

export const CONTENT_SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const CONTENT_MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

export interface ContentStores {
  documents: PrismaDocumentStore;
  queue: PrismaProcessingQueue;
  search: PrismaSearchIndex;
  /** Chunk embeddings and their change log, for in-memory vector indexes. */
  embeddings: PostgresChunkEmbeddings;
  outbox: PrismaOutbox;
  /** The tenants' analyzer plugins. */
  plugins: PrismaPluginRegistry;
  /** Disconnects Prisma; the database itself is closed by whoever opened it. */
  disconnect(): Promise<void>;
}

export interface ContentStoreOptions {
  /** HNSW candidates per semantic search (default DEFAULT_EF_SEARCH). */
  efSearch?: number;
}

/** Brings the database up to the latest migration, then opens the stores on it. */
export async function openContentStores(database: OpenedDatabase, logger?: Logger, options: ContentStoreOptions = {}): Promise<ContentStores> {
  await migrateDatabase({ database, schemaPath: CONTENT_SCHEMA_PATH, migrationsDir: CONTENT_MIGRATIONS_DIR, logger });
  const prisma = new PrismaClient({ adapter: database.adapterFactory });
  return {
    documents: new PrismaDocumentStore(prisma),
    queue: new PrismaProcessingQueue(prisma),
    search: new PrismaSearchIndex(prisma, { efSearch: options.efSearch }),
    embeddings: new PostgresChunkEmbeddings(prisma, database),
    outbox: new PrismaOutbox(prisma),
    plugins: new PrismaPluginRegistry(prisma),
    disconnect: () => prisma.$disconnect(),
  };
}
