import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";
import { DEFAULT_MESSAGE_RETENTION } from "./domain/message-store";

export const realtimeConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8081),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Absent: channel history lives in this process (embedded mode) and is lost on restart. */
    REDIS_URL: env.redisUrl().optional(),
    /** Messages each channel keeps; older ones are dropped as new ones arrive. */
    MESSAGE_RETENTION: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MESSAGE_RETENTION),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "must be set in production (the in-process message store is for development)" });
    }
  });

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema>;
