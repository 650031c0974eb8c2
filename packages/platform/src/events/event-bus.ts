import type { AnyEventEnvelope, EventEnvelope, PublishOptions } from "./envelope";
import type { EventTopics, TopicName } from "./topics";

/** What a handler learns about the delivery it is handling. */
export interface DeliveryInfo {
  group: string;
  /** The member of the group handling it (unique per subscription). */
  consumer: string;
  /** 1 on the first delivery; above 1 after a failure or a reclaim from a dead consumer. */
  deliveries: number;
}

/** Resolving acknowledges the event; throwing leaves it unacknowledged for redelivery. */
export type EventHandler<Topic extends TopicName> = (
  event: EventEnvelope<Topic>,
  delivery: DeliveryInfo,
) => Promise<void> | void;

export interface SubscribeOptions {
  /** Deliveries before the event goes to `<topic>.dead` (default 5). */
  maxDeliveries?: number;
  /** Pause before redelivery, multiplied by the deliveries so far (default 100 ms). */
  retryDelayMs?: number;
  /**
   * Redis only: entries pending this long are presumed abandoned by a dead consumer and
   * reclaimed by a live member (default 60 s). Must exceed the slowest handler, or a slow
   * handler's event is handled twice.
   */
  claimIdleMs?: number;
  /** Redis only: entries read per round trip (default 10). */
  batchSize?: number;
  /** Where a group that does not exist yet starts: retained history or new events (default earliest). */
  startFrom?: "earliest" | "latest";
}

export interface Subscription {
  /** Stops delivery at once; resolves when in-flight handlers have finished. */
  close(): Promise<void>;
}

/** An event whose handler kept failing, kept for an operator to inspect and replay. */
export interface DeadLetter<Topic extends TopicName = TopicName> {
  envelope: EventEnvelope<Topic>;
  group: string;
  error: string;
  deliveries: number;
  deadAt: string;
}

/**
 * At-least-once domain events with consumer groups: every group receives every event,
 * the members of one group share them, and events stay in order per topic for a member.
 */
export interface EventBus {
  /** Publishes a new event; returns its id. */
  publish<Topic extends TopicName>(
    topic: Topic,
    tenantId: string,
    payload: EventTopics[Topic],
    options?: PublishOptions,
  ): Promise<string>;
  /** Publishes an envelope that already has its id (an outbox relay retrying keeps it). */
  publishEnvelope(envelope: AnyEventEnvelope): Promise<string>;
  /** Resolves once the group exists, so events published afterwards reach it. */
  subscribe<Topic extends TopicName>(
    topic: Topic,
    group: string,
    handler: EventHandler<Topic>,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  /** The oldest dead letters of a topic, across groups. */
  deadLetters<Topic extends TopicName>(topic: Topic, options?: { limit?: number }): Promise<DeadLetter<Topic>[]>;
  /** Closes every subscription (waiting for in-flight handlers) and the bus's connections. */
  close(): Promise<void>;
}

export type ResolvedSubscribeOptions = Required<SubscribeOptions>;

export const DEFAULT_SUBSCRIBE_OPTIONS: ResolvedSubscribeOptions = {
  maxDeliveries: 5,
  retryDelayMs: 100,
  claimIdleMs: 60_000,
  batchSize: 10,
  startFrom: "earliest",
};

/** Per-subscription options over the bus's defaults over the house defaults. */
export function resolveSubscribeOptions(
  busDefaults: SubscribeOptions = {},
  options: SubscribeOptions = {},
): ResolvedSubscribeOptions {
  const resolved = { ...DEFAULT_SUBSCRIBE_OPTIONS, ...defined(busDefaults), ...defined(options) };
  if (!Number.isInteger(resolved.maxDeliveries) || resolved.maxDeliveries < 1) {
    throw new RangeError(`maxDeliveries must be a positive integer, got ${resolved.maxDeliveries}`);
  }
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${resolved.batchSize}`);
  }
  return resolved;
}

function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
