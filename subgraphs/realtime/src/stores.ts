import type { RealtimeDeps } from "./app";
import type { RealtimeConfig } from "./config";
import { InProcessMessageStore } from "./store/in-process-message-store";
import { createRedisClient, redisReadiness } from "./store/redis-client";
import { RedisMessageStore } from "./store/redis-message-store";

export type StoreDeps = Pick<RealtimeDeps, "messages" | "readiness" | "onStop">;

/** The message store the configuration selects: Redis when REDIS_URL is set, else in-process. */
export async function createStores(config: RealtimeConfig, logger: RealtimeDeps["logger"]): Promise<StoreDeps> {
  const retention = config.MESSAGE_RETENTION;
  if (!config.REDIS_URL) {
    logger.warn("REDIS_URL is not set: channel history is kept in this process and lost on restart");
    return { messages: new InProcessMessageStore({ retention }) };
  }
  const redis = createRedisClient(config.REDIS_URL, logger);
  return {
    messages: new RedisMessageStore({ redis, retention }),
    readiness: [redisReadiness(redis)],
    onStop: async () => void (await redis.quit()),
  };
}
