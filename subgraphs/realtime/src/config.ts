import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";
import { DEFAULT_MESSAGE_RETENTION } from "./domain/message-store";
import { DEFAULT_PRESENCE_TTL_MS } from "./domain/presence";
import { DEFAULT_SUBSCRIPTION_QUEUE_LIMIT } from "./live/bounded-queue";

export const realtimeConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8081),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Absent: channel history lives in this process (embedded mode) and is lost on restart. */
    REDIS_URL: env.redisUrl().optional(),
    /** Messages each channel keeps; older ones are dropped as new ones arrive. */
    MESSAGE_RETENTION: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MESSAGE_RETENTION),
    /** Messages one tenant may send per SEND_RATE_WINDOW_SECONDS (a token bucket: also the burst). */
    SEND_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** Messages one sender (a user of a tenant) may send per SEND_RATE_WINDOW_SECONDS, inside the tenant's budget. */
    SENDER_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
    SEND_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Presence expires this long after the last heartbeat. */
    PRESENCE_TTL_MS: z.coerce.number().int().min(50).max(3_600_000).default(DEFAULT_PRESENCE_TTL_MS),
    /** Undelivered events one subscription may hold before it is ended as a slow consumer. */
    SUBSCRIPTION_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SUBSCRIPTION_QUEUE_LIMIT),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "must be set in production (the in-process message store is for development)" });
    }
  });

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema>;
