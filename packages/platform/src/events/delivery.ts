import pino from "pino";
import type { Logger } from "../logging";
import type { AnyEventEnvelope } from "./envelope";
import type { EventHandler, ResolvedSubscribeOptions } from "./event-bus";
import type { TopicName } from "./topics";

/** How one implementation settles a delivery; the retry policy around it is shared. */
export interface DeliveryChannel {
  acknowledge(): Promise<void>;
  deadLetter(error: string, deliveries: number): Promise<void>;
  /** Records one more delivery before a retry (Redis: XCLAIM bumps the count, resets idle). */
  redeliver(): Promise<void>;
}

export type DeliveryOutcome = "acknowledged" | "dead-lettered" | "abandoned";

export interface Delivery {
  envelope: AnyEventEnvelope;
  /** Deliveries so far, counting this one. */
  deliveries: number;
  group: string;
  consumer: string;
}

/**
 * Hands an event to its handler until it succeeds or runs out of deliveries. The member
 * retries the event itself, before anything newer, which keeps events in order per topic.
 * "abandoned" means the subscription closed while waiting to retry: the event stays
 * unacknowledged for the group.
 */
export async function deliverWithRetries(
  delivery: Delivery,
  handler: EventHandler<TopicName>,
  channel: DeliveryChannel,
  options: ResolvedSubscribeOptions,
  signal: AbortSignal,
  logger: Logger,
): Promise<DeliveryOutcome> {
  const { envelope, group, consumer } = delivery;
  let deliveries = delivery.deliveries;
  for (;;) {
    try {
      await handler(envelope, { group, consumer, deliveries });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const context = { topic: envelope.topic, eventId: envelope.id, tenantId: envelope.tenantId, group, deliveries };
      if (deliveries >= options.maxDeliveries) {
        logger.error({ ...context, err: error }, "event handler failed for the last time; dead-lettering the event");
        await channel.deadLetter(message, deliveries);
        return "dead-lettered";
      }
      logger.warn({ ...context, err: error }, "event handler failed; the event will be redelivered");
      if (!(await pause(options.retryDelayMs * deliveries, signal))) return "abandoned";
      deliveries += 1;
      await channel.redeliver();
      continue;
    }
    await channel.acknowledge();
    return "acknowledged";
  }
}

/** Waits `ms`; resolves false early when the signal aborts (a closing subscription). */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** For buses built without a logger (tests, scripts): failures still reach dead letters. */
export const silentLogger: Logger = pino({ enabled: false });
