import type { AnyEventEnvelope, TopicName, TopicPayload } from "@aiwf/platform/events";

/** An event to record in the outbox, in the same transaction as the change it reports. */
export interface OutboxDraft<Topic extends TopicName = TopicName> {
  id: string;
  topic: Topic;
  tenantId: string;
  payload: TopicPayload<Topic>;
  occurredAt: Date;
}

/**
 * Events recorded with the changes they report, waiting for the relay. The relay
 * publishes in order of occurrence and removes only what the bus accepted: at-least-once,
 * with the outbox row's id as the event id (consumers deduplicate by it).
 */
export interface Outbox {
  /**
   * Hands up to `limit` pending events to `publish`, one at a time, oldest first, and
   * removes each it accepted. Concurrent relays skip each other's events. Returns how many
   * were published; a failure stops the batch and leaves the rest for the next round.
   */
  relay(publish: (envelope: AnyEventEnvelope) => Promise<void>, limit: number): Promise<number>;
}
