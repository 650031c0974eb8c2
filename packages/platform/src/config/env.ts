import { z } from "zod";

/** Reusable validators for environment values. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: (protocols: string[]) =>
    z.string().refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ""));
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}` },
    ),
  postgresUrl: () => env.url(["postgres", "postgresql"]),
  redisUrl: () => env.url(["redis", "rediss"]),
  boolean: (fallback: boolean) =>
    z
      .enum(["true", "false", "1", "0"], { message: "must be true or false" })
      .default(fallback ? "true" : "false")
      .transform((value) => value === "true" || value === "1"),
  secret: () => z.string().min(32, { message: "must be at least 32 characters" }),
};

/** What every service reads. */
export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Shared with the gateway: signs the identity it forwards to subgraphs. */
  INTERNAL_TOKEN_SECRET: env.secret().default("development-internal-secret-change-me-000"),
  /** Redis Streams event bus; absent = the in-process bus of embedded mode. */
  EVENT_BUS_URL: env.redisUrl().optional(),
});

export const DEVELOPMENT_INTERNAL_SECRET = "development-internal-secret-change-me-000";

/** Production refuses development defaults; call from a schema's superRefine. */
export function refuseDevelopmentDefaults(
  config: { NODE_ENV: string; INTERNAL_TOKEN_SECRET: string },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === "production" && config.INTERNAL_TOKEN_SECRET === DEVELOPMENT_INTERNAL_SECRET) {
    ctx.addIssue({ code: "custom", path: ["INTERNAL_TOKEN_SECRET"], message: "must be set in production (the development default is refused)" });
  }
}
