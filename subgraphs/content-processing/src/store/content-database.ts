import path from "node:path";
import type { Logger } from "@aiwf/platform";
import { migrateDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaDocumentStore } from "./prisma-document.store";

/** prisma/content at the repository root: the schema and migrations this subgraph owns. */
const PRISMA_DIR = path.resolve(__dirname, "../../../../prisma/content");

export const CONTENT_SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const CONTENT_MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

export interface ContentStores {
  documents: PrismaDocumentStore;
  /** Disconnects Prisma; the database itself is closed by whoever opened it. */
  disconnect(): Promise<void>;
}

/** Brings the database up to the latest migration, then opens the stores on it. */
export async function openContentStores(database: OpenedDatabase, logger?: Logger): Promise<ContentStores> {
  await migrateDatabase({ database, schemaPath: CONTENT_SCHEMA_PATH, migrationsDir: CONTENT_MIGRATIONS_DIR, logger });
  const prisma = new PrismaClient({ adapter: database.adapterFactory });
  return { documents: new PrismaDocumentStore(prisma), disconnect: () => prisma.$disconnect() };
}
