import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";

/** An empty variable counts as unset, as shells and compose files often leave them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const knowledgeGraphConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(3002),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Dgraph alpha's gRPC address (`dgraph://host:9080`); unset selects the embedded store. */
    DGRAPH_URL: optional(env.url(["dgraph"])),
    /** The embedded store keeps its snapshot under DATA_DIR/knowledge-graph. */
    DATA_DIR: z.string().min(1).default(".data"),
    /** Tenants whose graphs stay in memory for learningPath (about 80 MB per million edges each). */
    LEARNING_GRAPH_TENANTS: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(1_000).default(8)),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.DGRAPH_URL) {
      ctx.addIssue({ code: "custom", path: ["DGRAPH_URL"], message: "must be set in production (the embedded graph store is for development)" });
    }
  });

export type KnowledgeGraphConfig = z.infer<typeof knowledgeGraphConfigSchema>;
