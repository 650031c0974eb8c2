import { randomUUID } from "node:crypto";
import { z } from "zod";
import { eventTopics, isTopicName, type EventTopics, type TopicName } from "./topics";

/** One domain event as it travels on the bus. */
export interface EventEnvelope<Topic extends TopicName = TopicName> {
  /** Unique per event and stable across redeliveries: the idempotency key. */
  id: string;
  topic: Topic;
  tenantId: string;
  /** ISO 8601 time the fact happened (not when it was published). */
  occurredAt: string;
  payload: EventTopics[Topic];
  /** Cross-cutting metadata (requestId, traceparent, userId); never business data. */
  headers?: Record<string, string>;
}

/** Any envelope, discriminated by topic, so `if (e.topic === ...)` narrows the payload. */
export type AnyEventEnvelope = { [Topic in TopicName]: EventEnvelope<Topic> }[TopicName];

export interface PublishOptions {
  occurredAt?: Date;
  headers?: Record<string, string>;
}

/** An event that does not match the envelope shape or its topic's payload schema. */
export class InvalidEventError extends Error {
  override readonly name = "InvalidEventError";
}

const envelopeShape = z.object({
  // Not forced to be a uuid: relays may carry ids from their outbox tables.
  id: z.string().min(1),
  topic: z.string(),
  tenantId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
});

export function createEnvelope<Topic extends TopicName>(
  topic: Topic,
  tenantId: string,
  payload: EventTopics[Topic],
  options: PublishOptions = {},
): EventEnvelope<Topic> {
  const envelope: EventEnvelope<Topic> = {
    id: randomUUID(),
    topic,
    tenantId,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    payload,
    ...(options.headers ? { headers: options.headers } : {}),
  };
  return parseEventEnvelope(envelope) as EventEnvelope<Topic>;
}

/** Checks an envelope from outside the type system (a stream entry, an outbox row). */
export function parseEventEnvelope(value: unknown): AnyEventEnvelope {
  const envelope = envelopeShape.safeParse(value);
  if (!envelope.success) throw new InvalidEventError(`Invalid event envelope: ${z.prettifyError(envelope.error)}`);
  const { topic } = envelope.data;
  if (!isTopicName(topic)) throw new InvalidEventError(`Unknown event topic "${topic}"`);
  const payload = eventTopics[topic].safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new InvalidEventError(`Invalid payload for ${topic}: ${z.prettifyError(payload.error)}`);
  }
  return { ...envelope.data, topic, payload: payload.data } as AnyEventEnvelope;
}

export function assertTopicName(topic: string): asserts topic is TopicName {
  if (!isTopicName(topic)) throw new InvalidEventError(`Unknown event topic "${topic}"`);
}
