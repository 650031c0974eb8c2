import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";

export const contentConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8082),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Embedded stores' folder; the content database lives in DATA_DIR/content. */
    DATA_DIR: z.string().min(1).default(".data"),
    /** A Postgres server with pgvector. Absent: embedded PGlite with pgvector under DATA_DIR/content. */
    DATABASE_URL: env.postgresUrl().optional(),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "must be set in production (the embedded PGlite database is for development)" });
    }
  });

export type ContentConfig = z.infer<typeof contentConfigSchema>;
