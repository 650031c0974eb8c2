import type { OpenedDatabase } from "@aiwf/platform/postgres";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma, PrismaClient };
export type TransactionClient = Prisma.TransactionClient;

/** The generated client over an opened database (PGlite or a server): one code path for both. */
export function createPrismaClient(database: OpenedDatabase): PrismaClient {
  return new PrismaClient({ adapter: database.adapterFactory });
}

/**
 * A unique-constraint violation: Prisma's P2002, or Postgres' 23505 when it arrives raw
 * through the driver adapter.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  const cause = (error as { cause?: { originalCode?: string; code?: string } } | null)?.cause;
  return cause?.originalCode === "23505" || cause?.code === "23505";
}
