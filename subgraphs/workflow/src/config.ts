import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";

/** An empty variable counts as unset, as shells and compose files often leave them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const workflowConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8080),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** The workflow database on a Postgres server; unset selects embedded PGlite under DATA_DIR/workflow. */
    DATABASE_URL: optional(env.postgresUrl()),
    DATA_DIR: z.string().min(1).default(".data"),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "must be set in production (embedded PGlite is for development)" });
    }
  });

export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;
