import type { Logger } from "@aiwf/platform";
import type { EventBus } from "@aiwf/platform/events";
import type { Outbox } from "../domain/outbox";
import { createPoller, type Poller } from "./poller";

/**
 * Publishes the outbox to the event bus (at-least-once: an event is removed only after
 * the bus accepted it, keeping its id, so consumers deduplicate redeliveries by id).
 */
export function createOutboxRelay({ outbox, events, logger, pollMs = 500, batchSize = 50 }: { outbox: Outbox; events: EventBus; logger: Logger; pollMs?: number; batchSize?: number }): Poller {
  return createPoller({
    name: "outbox relay",
    intervalMs: pollMs,
    logger,
    round: () => outbox.relay(async (envelope) => void (await events.publishEnvelope(envelope)), batchSize),
  });
}
