// Relative: inside @aiwf/platform, the package's own subpath export is not needed.
import { describeWithService } from "../testkit/services";
import { eventBusContract } from "./event-bus.contract";
import { InProcessEventBus } from "./in-process-event-bus";
import { InMemoryProcessedEventLog } from "./processed-event-log";
import { createRedisFixture, FAST_REDELIVERY } from "./redis-test-fixture";

eventBusContract("InProcessEventBus", async () => {
  const bus = new InProcessEventBus({ defaults: FAST_REDELIVERY });
  return { bus, processedEvents: new InMemoryProcessedEventLog(), dispose: () => bus.close() };
});

describeWithService("redis", "RedisStreamsEventBus", (url) => {
  eventBusContract("RedisStreamsEventBus", async () => createRedisFixture(url));
});
