import { z } from "zod";
import { commonEnvSchema, env, refuseDevelopmentDefaults } from "./env";
import { ConfigError, parseConfig } from "./parse-config";

const schema = commonEnvSchema
  .extend({ PORT: env.port(8080), DATABASE_URL: env.postgresUrl().optional(), CACHE: env.boolean(false) })
  .superRefine(refuseDevelopmentDefaults);

function problemsOf(values: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(schema, values);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("parseConfig", () => {
  it("applies defaults and coerces values", () => {
    const config = parseConfig(schema, { PORT: "9000", CACHE: "true" });
    expect(config).toMatchObject({ PORT: 9000, CACHE: true, NODE_ENV: "development", LOG_LEVEL: "info" });
  });

  it("reports every problem, each naming its variable", () => {
    const problems = problemsOf({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT"]);
    expect(problems.find((p) => p.startsWith("DATABASE_URL"))).toContain("postgres://");
  });

  it("refuses development secrets in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([expect.stringMatching(/^INTERNAL_TOKEN_SECRET: must be set in production/)]);
    expect(problemsOf({ NODE_ENV: "production", INTERNAL_TOKEN_SECRET: "x".repeat(40) })).toEqual([]);
  });

  it("refuses a short secret", () => {
    expect(problemsOf({ INTERNAL_TOKEN_SECRET: "short" })).toEqual([expect.stringMatching(/^INTERNAL_TOKEN_SECRET: must be at least 32/)]);
  });

  it("accepts z schemas of any shape", () => {
    expect(parseConfig(z.object({ A: z.string().default("a") }), {})).toEqual({ A: "a" });
  });
});
