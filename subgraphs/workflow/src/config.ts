import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";
import { z } from "zod";
import type { EgressPolicy } from "./egress/egress";

/** An empty variable counts as unset, as shells and compose files often leave them. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const workflowConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(8080),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** The workflow database on a Postgres server; unset selects embedded PGlite under DATA_DIR/workflow. */
    DATABASE_URL: optional(env.postgresUrl()),
    /** Connections to DATABASE_URL (one pool per instance): concurrent appends beyond it wait for one. Mind the server's max_connections across instances. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    /** The gateway's /graphql, where contentIngest and knowledgeLink steps act as the run; unset, those steps fail saying so. */
    GATEWAY_URL: optional(env.url(["http", "https"])),
    /** Whether tenant admins may register stdio MCP servers: processes spawned on this host, so off unless the operator trusts them. */
    MCP_ALLOW_STDIO: env.boolean(false),
    /**
     * Whether tenants' http steps and MCP servers may reach loopback, private and link-local
     * addresses (this host, the internal network, cloud metadata at 169.254.169.254). Default:
     * block in production, allow elsewhere (development calls local services).
     */
    EGRESS_PRIVATE_NETWORKS: optional(z.enum(["block", "allow"])),
    /** Comma-separated host names tenants' steps may reach even when they resolve to such an address. */
    EGRESS_ALLOWED_HOSTS: z
      .string()
      .default("")
      .transform((list) => list.split(",").map((host) => host.trim()).filter(Boolean)),
    /** How long an executor instance's claim on a run lasts without renewal: a dead instance's runs wait this long. */
    EXECUTOR_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** How often an executor looks for due runs (timers, other instances' work). */
    EXECUTOR_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    /** Runs of one tenant executing at once across all instances; more wait QUEUED, first come first served. */
    MAX_RUNNING_RUNS_PER_TENANT: z.coerce.number().int().min(1).max(100_000).default(50),
  })
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && !config.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "must be set in production (embedded PGlite is for development)" });
    }
  });

export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;

/** Where tenants' http steps and MCP servers may connect, as `npm start` and main.ts both configure it. */
export function egressPolicyOf(config: Pick<WorkflowConfig, "NODE_ENV" | "EGRESS_PRIVATE_NETWORKS" | "EGRESS_ALLOWED_HOSTS">): EgressPolicy {
  return {
    privateNetworks: config.EGRESS_PRIVATE_NETWORKS ?? (config.NODE_ENV === "production" ? "block" : "allow"),
    allowedHosts: config.EGRESS_ALLOWED_HOSTS,
  };
}

/** The executor's lease, polling and per-tenant concurrency, as `npm start` and main.ts both configure it. */
export function executorOptionsOf(config: Pick<WorkflowConfig, "EXECUTOR_LEASE_MS" | "EXECUTOR_POLL_MS" | "MAX_RUNNING_RUNS_PER_TENANT">) {
  return { leaseMs: config.EXECUTOR_LEASE_MS, pollMs: config.EXECUTOR_POLL_MS, maxRunningPerTenant: config.MAX_RUNNING_RUNS_PER_TENANT };
}
