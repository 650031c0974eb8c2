import type { RealtimeDeps } from "./app";
import type { RealtimeConfig } from "./config";
import { InProcessFanout } from "./store/in-process-fanout";
import { InProcessMessageStore } from "./store/in-process-message-store";
import { InProcessPresenceStore } from "./store/in-process-presence-store";
import { InProcessRateLimiter } from "./store/in-process-rate-limiter";
import { createRedisClient, redisReadiness } from "./store/redis-client";
import { RedisFanout } from "./store/redis-fanout";
import { RedisMessageStore } from "./store/redis-message-store";
import { RedisPresenceStore } from "./store/redis-presence-store";
import { RedisRateLimiter } from "./store/redis-rate-limiter";

export type StoreDeps = Pick<
  RealtimeDeps,
  "messages" | "presence" | "fanout" | "sendLimiter" | "senderLimiter" | "presenceTtlMs" | "subscriptionQueueLimit" | "readiness" | "onStop"
>;

/** The stores the configuration selects: Redis when REDIS_URL is set, else in-process (one instance only). */
export async function createStores(config: RealtimeConfig, logger: RealtimeDeps["logger"]): Promise<StoreDeps> {
  const retention = config.MESSAGE_RETENTION;
  const sendPolicy = { limit: config.SEND_RATE_LIMIT, windowSeconds: config.SEND_RATE_WINDOW_SECONDS };
  const senderPolicy = { limit: config.SENDER_RATE_LIMIT, windowSeconds: config.SEND_RATE_WINDOW_SECONDS };
  const limits = { presenceTtlMs: config.PRESENCE_TTL_MS, subscriptionQueueLimit: config.SUBSCRIPTION_QUEUE_LIMIT };
  if (!config.REDIS_URL) {
    logger.warn("REDIS_URL is not set: channels and presence live in this process (lost on restart, not shared with other instances)");
    return {
      messages: new InProcessMessageStore({ retention }),
      presence: new InProcessPresenceStore(),
      fanout: new InProcessFanout(),
      sendLimiter: new InProcessRateLimiter(sendPolicy),
      senderLimiter: new InProcessRateLimiter(senderPolicy),
      ...limits,
    };
  }
  const redis = createRedisClient(config.REDIS_URL, logger);
  return {
    messages: new RedisMessageStore({ redis, retention }),
    presence: new RedisPresenceStore({ redis }),
    fanout: new RedisFanout({ redis, logger }),
    sendLimiter: new RedisRateLimiter(redis, sendPolicy),
    senderLimiter: new RedisRateLimiter(redis, senderPolicy),
    ...limits,
    readiness: [redisReadiness(redis)],
    onStop: async () => void (await redis.quit()),
  };
}
