import { createLogger, isDomainError } from "@aiwf/platform";
import { createRedisClient } from "./redis-client";
import { RedisMessageStore } from "./redis-message-store";

describe("RedisMessageStore when Redis is unreachable", () => {
  // Port 1 on loopback refuses at once: no server is needed to see the failure path.
  const redis = createRedisClient("redis://127.0.0.1:1", createLogger({ service: "realtime", level: "silent" }));
  const store = new RedisMessageStore({ redis });
  afterAll(() => redis.disconnect());

  it("reports UPSTREAM_UNAVAILABLE promptly instead of hanging or leaking driver errors", async () => {
    const started = Date.now();
    const failure = await store.appendMessage("acme", "general", { authorId: "ada", body: "hello" }).catch((error: unknown) => error);
    expect(isDomainError(failure) && failure.code).toBe("UPSTREAM_UNAVAILABLE");
    const statsFailure = await store.channelStats("acme", ["general"]).catch((error: unknown) => error);
    expect(isDomainError(statsFailure) && statsFailure.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
