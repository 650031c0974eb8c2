import type { Logger } from "../logging";
import type { EventBus, SubscribeOptions } from "./event-bus";
import { InProcessEventBus } from "./in-process-event-bus";
import { InMemoryProcessedEventLog, type ProcessedEventLog } from "./processed-event-log";
import { RedisProcessedEventLog } from "./redis-processed-event-log";
import { RedisStreamsEventBus } from "./redis-streams-event-bus";

export interface EventBusSetup {
  /** EVENT_BUS_URL: a redis:// URL, or undefined for the in-process bus of embedded mode. */
  url: string | undefined;
  logger: Logger;
  defaults?: SubscribeOptions;
}

export interface EventBusResources {
  bus: EventBus;
  processedEvents: ProcessedEventLog;
  /** Closes the bus (waiting for in-flight handlers), then the log's connection. */
  close(): Promise<void>;
}

/** The one place a service turns EVENT_BUS_URL into a bus and its matching processed-event log. */
export function createEventBus({ url, logger, defaults }: EventBusSetup): EventBusResources {
  if (!url) {
    const bus = new InProcessEventBus({ logger, defaults });
    return { bus, processedEvents: new InMemoryProcessedEventLog(), close: () => bus.close() };
  }
  const bus = new RedisStreamsEventBus({ connection: url, logger, defaults });
  const processedEvents = new RedisProcessedEventLog({ connection: url, logger });
  return {
    bus,
    processedEvents,
    close: async () => {
      await bus.close();
      await processedEvents.close();
    },
  };
}
