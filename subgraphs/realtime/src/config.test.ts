import { ConfigError, parseConfig } from "@aiwf/platform";
import { realtimeConfigSchema } from "./config";

const PRODUCTION_SECRET = "a-production-secret-of-at-least-32-characters";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(realtimeConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("realtime configuration", () => {
  it("defaults to port 8081, the in-process store and 10,000 messages per channel", () => {
    const config = parseConfig(realtimeConfigSchema, {});
    expect(config).toMatchObject({ PORT: 8081, HOST: "0.0.0.0", MESSAGE_RETENTION: 10_000 });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("reads Redis and retention from the environment", () => {
    const config = parseConfig(realtimeConfigSchema, { REDIS_URL: "redis://cache:6379", MESSAGE_RETENTION: "500", PORT: "9000" });
    expect(config).toMatchObject({ REDIS_URL: "redis://cache:6379", MESSAGE_RETENTION: 500, PORT: 9000 });
  });

  it("names every bad variable", () => {
    const problems = problemsOf({ REDIS_URL: "http://cache", MESSAGE_RETENTION: "0" });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^REDIS_URL:/), expect.stringMatching(/^MESSAGE_RETENTION:/)]));
  });

  it("refuses production without Redis, naming REDIS_URL", () => {
    expect(problemsOf({ NODE_ENV: "production", INTERNAL_TOKEN_SECRET: PRODUCTION_SECRET })).toEqual([expect.stringMatching(/^REDIS_URL: must be set in production/)]);
    expect(problemsOf({ NODE_ENV: "production", INTERNAL_TOKEN_SECRET: PRODUCTION_SECRET, REDIS_URL: "redis://cache:6379" })).toEqual([]);
  });
});
