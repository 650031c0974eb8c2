import { randomUUID } from "node:crypto";
import { describeWithService } from "@aiwf/platform/testkit";
import { Redis } from "ioredis";
import { InProcessPresenceStore } from "../src/store/in-process-presence-store";
import { InProcessRateLimiter } from "../src/store/in-process-rate-limiter";
import { RedisPresenceStore } from "../src/store/redis-presence-store";
import { RedisRateLimiter } from "../src/store/redis-rate-limiter";
import { presenceStoreContract, rateLimiterContract } from "./presence-store.contract";

const POLICY = { limit: 2, windowSeconds: 3600 };

describe("PresenceStore contract [in-process]", () => {
  presenceStoreContract(async () => ({ store: new InProcessPresenceStore(), close: async () => {} }));
});

describe("RateLimiter contract [in-process]", () => {
  rateLimiterContract(async () => ({ limiter: new InProcessRateLimiter(POLICY), close: async () => {} }));
});

describeWithService("redis", "PresenceStore and RateLimiter contracts", (url) => {
  const keyPrefix = `aiwf-test-${randomUUID()}`;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });
  describe("PresenceStore [redis]", () => presenceStoreContract(async () => ({ store: new RedisPresenceStore({ redis, keyPrefix }), close: async () => {} })));
  describe("RateLimiter [redis]", () => rateLimiterContract(async () => ({ limiter: new RedisRateLimiter(redis, POLICY, keyPrefix), close: async () => {} })));
});
