import { describeWithService } from "@aiwf/platform/testkit";
import { Redis } from "ioredis";
import { InProcessMessageStore } from "../src/store/in-process-message-store";
import { DEFAULT_KEY_PREFIX } from "../src/store/redis-keys";
import { RedisMessageStore } from "../src/store/redis-message-store";
import { messageStoreContract } from "./message-store.contract";

describe("MessageStore contract [in-process]", () => {
  messageStoreContract(async () => {
    const shared = new InProcessMessageStore();
    return {
      store: (options) => (options ? new InProcessMessageStore(options) : shared),
      // One process, one store: concurrency here is interleaved async callers.
      writers: async (count) => Array.from({ length: count }, () => shared),
      close: async () => {},
    };
  });
});

describeWithService("redis", "MessageStore contract", (url) => {
  // Contract tenants all start with "contract-"; this run's keys also carry a unique prefix,
  // so cleanup deletes exactly what this run wrote, even if a test fails midway.
  const keyPrefix = `${DEFAULT_KEY_PREFIX}-test-${process.pid}-${Date.now()}`;
  messageStoreContract(async () => {
    const connections: Redis[] = [];
    const connect = () => {
      const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      connections.push(redis);
      return redis;
    };
    const main = connect();
    return {
      store: (options) => new RedisMessageStore({ redis: main, keyPrefix, ...options }),
      writers: async (count) => Array.from({ length: count }, () => new RedisMessageStore({ redis: connect(), keyPrefix })),
      close: async () => {
        for await (const keys of main.scanStream({ match: `${keyPrefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
          if (keys.length > 0) await main.del(...keys);
        }
        await Promise.all(connections.map((redis) => redis.quit()));
      },
    };
  });
});
