import type { Logger, ReadinessCheck } from "@aiwf/platform";
import { Redis } from "ioredis";

/** Bounded waits: a missing Redis turns into UPSTREAM_UNAVAILABLE quickly, never a hang. */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * Applies to request/response commands only. Blocking reads (XREAD BLOCK, for
 * subscriptions later) must use a connection of their own without this timeout.
 */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * Connects on first use (lazyConnect), so the service starts while Redis is still coming
 * up and /health/ready reports when it is reachable.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 2,
  });
  // Without a listener ioredis reports every reconnect attempt as an unhandled error.
  redis.on("error", (error: Error) => logger.warn({ err: error }, "redis connection error"));
  return redis;
}

export function redisReadiness(redis: Redis): ReadinessCheck {
  return { name: "redis", check: async () => void (await redis.ping()) };
}
