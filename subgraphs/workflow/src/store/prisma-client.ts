import type { OpenedDatabase } from "@aiwf/platform/postgres";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma, PrismaClient };

/** The generated client over an opened database (PGlite or a server): one code path for both. */
export function createPrismaClient(database: OpenedDatabase): PrismaClient {
  return new PrismaClient({ adapter: database.adapterFactory });
}
