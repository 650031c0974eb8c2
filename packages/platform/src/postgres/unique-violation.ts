type MaybeDatabaseError = {
  code?: unknown;
  cause?: { originalCode?: unknown; code?: unknown };
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
} | null;

/**
 * A unique-constraint violation, however the driver in between reports it: Prisma's P2002
 * (PrismaPg maps it), Postgres' SQLSTATE 23505 passed through as the error's code or its
 * cause's (pglite-prisma-adapter), P2010 from a raw query with the 23505 in its meta, or pg's
 * and PGlite's own error for a statement sent past Prisma.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, cause, meta } = error as MaybeDatabaseError & object;
  if (code === "P2002" || code === "23505") return true;
  if (cause?.originalCode === "23505" || cause?.code === "23505") return true;
  return meta?.driverAdapterError?.cause?.originalCode === "23505";
}
