import { parseConfig } from "@aiwf/platform";
import { contentConfigSchema } from "@aiwf/content-processing/src/config";
import { realtimeConfigSchema } from "@aiwf/realtime/src/config";
import { embeddedEnv } from "./embedded-subgraphs";

const stack = { port: 18082, host: "127.0.0.1", dataDir: "/tmp/aiwf-embedded", logLevel: "warn", internalTokenSecret: "stack-secret-that-is-long-enough-00000000" };

describe("the embedded subgraphs' environment", () => {
  it("takes the operator's settings, but never a store URL, port, secret or mode from the shell", () => {
    const env = embeddedEnv({
      ...stack,
      env: { CHUNK_TARGET_CHARS: "1000", SEND_RATE_LIMIT: "5", DATABASE_URL: "postgres://elsewhere/db", REDIS_URL: "redis://elsewhere", PORT: "1", NODE_ENV: "test", INTERNAL_TOKEN_SECRET: "x" },
    });
    const content = parseConfig(contentConfigSchema, env);
    expect(content).toMatchObject({ CHUNK_TARGET_CHARS: 1000, PORT: 18082, NODE_ENV: "development", DATA_DIR: "/tmp/aiwf-embedded", INTERNAL_TOKEN_SECRET: stack.internalTokenSecret });
    expect(content.DATABASE_URL).toBeUndefined();
    const realtime = parseConfig(realtimeConfigSchema, env);
    expect(realtime.SEND_RATE_LIMIT).toBe(5);
    expect(realtime.REDIS_URL).toBeUndefined();
  });

  it("is the stack's defaults alone when no environment is given (tests stay hermetic)", () => {
    expect(parseConfig(realtimeConfigSchema, embeddedEnv(stack)).SEND_RATE_LIMIT).toBe(600);
  });
});
