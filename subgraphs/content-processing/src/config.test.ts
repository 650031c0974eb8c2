import { ConfigError, parseConfig } from "@aiwf/platform";
import { contentConfigSchema } from "./config";

const PRODUCTION_SECRET = "a-production-secret-of-at-least-32-characters";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(contentConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("content-processing configuration", () => {
  it("defaults to port 8082 and the embedded database under .data", () => {
    const config = parseConfig(contentConfigSchema, {});
    expect(config).toMatchObject({ PORT: 8082, HOST: "0.0.0.0", DATA_DIR: ".data" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads a Postgres server's URL and names a bad one", () => {
    expect(parseConfig(contentConfigSchema, { DATABASE_URL: "postgres://db:5432/content" }).DATABASE_URL).toBe("postgres://db:5432/content");
    expect(problemsOf({ DATABASE_URL: "mysql://db/content", PORT: "99999" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATABASE_URL:/), expect.stringMatching(/^PORT:/)]),
    );
  });

  it("refuses the embedded database and the development secret in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATABASE_URL:/), expect.stringMatching(/^INTERNAL_TOKEN_SECRET:/)]),
    );
    expect(problemsOf({ NODE_ENV: "production", DATABASE_URL: "postgres://db/content", INTERNAL_TOKEN_SECRET: PRODUCTION_SECRET })).toEqual([]);
  });
});
