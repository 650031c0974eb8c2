import path from "node:path";
import { z } from "zod";
import { commonEnvSchema, env, refuseDevelopmentDefaults } from "@aiwf/platform";

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql");
export const DEVELOPMENT_JWT_SECRET = "development-jwt-secret-change-me-000000000";

const optionalUrl = env.url(["http", "https"]).optional();

export const gatewayConfigSchema = commonEnvSchema
  .extend({
    PORT: env.port(4000),
    HOST: z.string().default("0.0.0.0"),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    /** `required`: every request needs a valid JWT. `optional`: anonymous allowed, bad tokens still refused. */
    AUTH_MODE: z.enum(["required", "optional"]).default("required"),
    JWT_SECRET: env.secret().optional(),
    JWT_JWKS_URL: optionalUrl,
    JWT_ISSUER: z.string().min(1).default("aiwf-dev"),
    JWT_AUDIENCE: z.string().min(1).default("aiwf"),
    JWT_ALGORITHMS: z
      .string()
      .default("HS256")
      .transform((value) => value.split(",").map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(z.enum(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA", "PS256"])).min(1)),
    WORKFLOW_URL: optionalUrl,
    CONTENT_URL: optionalUrl,
    KNOWLEDGE_URL: optionalUrl,
    REALTIME_URL: optionalUrl,
    /** Every upstream call ends by then: a down subgraph gives partial data, never a hang. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Federated subscriptions: open per client socket, open in total, events a client may lag. */
    SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(100),
    SUBSCRIPTIONS_TOTAL: z.coerce.number().int().min(1).default(50_000),
    SUBSCRIPTION_QUEUE_LIMIT: z.coerce.number().int().min(1).default(1_000),
    /** Operations one WebSocket may start per SOCKET_OPERATION_WINDOW_SECONDS (a token bucket: also the burst). */
    SOCKET_OPERATION_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
    SOCKET_OPERATION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
    /** Operation limits, for HTTP and WebSocket alike. */
    MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
    MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(20),
  })
  .transform((config) => ({
    ...config,
    JWT_SECRET: config.JWT_SECRET ?? (config.JWT_JWKS_URL ? undefined : DEVELOPMENT_JWT_SECRET),
  }))
  .superRefine((config, ctx) => {
    refuseDevelopmentDefaults(config, ctx);
    if (config.NODE_ENV === "production" && config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["JWT_SECRET"], message: "must be set in production (or use JWT_JWKS_URL); the development secret is refused" });
    }
    const symmetric = config.JWT_ALGORITHMS.some((a) => a.startsWith("HS"));
    if (symmetric && config.JWT_JWKS_URL && !config.JWT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["JWT_ALGORITHMS"], message: "HS* algorithms need JWT_SECRET; a JWKS serves asymmetric keys" });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Subgraph name (as in rover.yaml) -> URL override from the environment. */
export function subgraphUrlOverrides(config: GatewayConfig): Record<string, string> {
  const entries: Array<[string, string | undefined]> = [
    ["workflow", config.WORKFLOW_URL],
    ["content-processing", config.CONTENT_URL],
    ["knowledge-graph", config.KNOWLEDGE_URL],
    ["realtime", config.REALTIME_URL],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => Boolean(entry[1])));
}
