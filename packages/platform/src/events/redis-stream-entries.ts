import Redis from "ioredis";

/** One stream entry with its fields as a record (ioredis returns flat [field, value] lists). */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

type RawEntry = [id: string, fields: string[]] | null;

/**
 * Decodes the entries of an XRANGE/XREADGROUP/XAUTOCLAIM reply. Entries trimmed away while
 * pending come back as null from Redis 6.2's XAUTOCLAIM; they have nothing left to deliver.
 */
export function decodeEntries(raw: unknown): StreamEntry[] {
  return ((raw ?? []) as RawEntry[]).flatMap((entry) => {
    if (!entry) return [];
    const [id, flat] = entry;
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
    return [{ id, fields }];
  });
}

/** Creates the group (and the stream) unless it exists; Redis answers BUSYGROUP then. */
export async function ensureGroup(redis: Redis, streamKey: string, group: string, startFrom: "earliest" | "latest") {
  try {
    await redis.xgroup("CREATE", streamKey, group, startFrom === "earliest" ? "0" : "$", "MKSTREAM");
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("BUSYGROUP"))) throw error;
  }
}

export const isMissingGroup = (error: unknown) => error instanceof Error && error.message.startsWith("NOGROUP");

/**
 * Connects from a URL (then the connection is ours to close) or borrows a caller's client
 * (then the caller closes it), so a service can share one client across its stores.
 */
export function openRedis(
  connection: Redis | string,
  onError: (error: Error) => void,
): { redis: Redis; release(): Promise<void> } {
  if (typeof connection !== "string") return { redis: connection, release: async () => {} };
  // Without a listener ioredis prints connection errors to stderr; ours go to the logger.
  const redis = new Redis(connection).on("error", onError);
  return {
    redis,
    release: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
