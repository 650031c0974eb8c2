import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { EventBusFixture } from "./contract-fixtures";
import type { SubscribeOptions } from "./event-bus";
import { RedisProcessedEventLog } from "./redis-processed-event-log";
import { RedisStreamsEventBus } from "./redis-streams-event-bus";

export interface RedisEventBusFixture extends EventBusFixture {
  bus: RedisStreamsEventBus;
  /** Prefix of every key this fixture writes; unique, so concurrent runs never meet. */
  prefix: string;
  streamKey(topic: string): string;
}

/** Short claim and retry times keep reclaim and redelivery tests fast. */
export const FAST_REDELIVERY: SubscribeOptions = { retryDelayMs: 5, claimIdleMs: 200 };

export function createRedisFixture(url: string): RedisEventBusFixture {
  const prefix = `aiwf:test:${randomUUID()}:`;
  const bus = new RedisStreamsEventBus({ connection: url, keyPrefix: `${prefix}events:`, defaults: FAST_REDELIVERY });
  const processedEvents = new RedisProcessedEventLog({ connection: url, keyPrefix: `${prefix}processed:` });
  return {
    bus,
    processedEvents,
    prefix,
    streamKey: (topic) => `${prefix}events:${topic}`,
    dispose: async () => {
      await bus.close();
      await processedEvents.close();
      await deleteKeys(url, prefix);
    },
  };
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}
