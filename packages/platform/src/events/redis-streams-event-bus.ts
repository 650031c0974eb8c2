import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type Redis from "ioredis";
import type { Logger } from "../logging";
import { silentLogger } from "./delivery";
import { assertTopicName, createEnvelope, parseEventEnvelope, type AnyEventEnvelope, type PublishOptions } from "./envelope";
import {
  resolveSubscribeOptions,
  type DeadLetter,
  type EventBus,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from "./event-bus";
import { RedisStreamConsumer } from "./redis-stream-consumer";
import { decodeEntries, ensureGroup, openRedis } from "./redis-stream-entries";
import type { EventTopics, TopicName } from "./topics";

export interface RedisStreamsEventBusOptions {
  /** A redis:// URL (the bus opens and closes its connection) or a client the caller owns. */
  connection: Redis | string;
  logger?: Logger;
  /** Stream keys are `<keyPrefix><topic>`; tests use a unique prefix per run. */
  keyPrefix?: string;
  /** Approximate MAXLEN per stream. Entries trimmed while pending are lost to slow groups. */
  maxLength?: number;
  /** Longest single XREADGROUP BLOCK (default 5 s); close() does not wait for it. */
  blockMs?: number;
  defaults?: SubscribeOptions;
}

/**
 * The event bus across processes: one Redis stream per topic, a consumer group per
 * subscribing service, each subscription one consumer with its own blocking connection.
 * Unacknowledged entries stay in the group's pending list until a retry succeeds, a live
 * member reclaims them from a dead one, or they go to the `<topic>.dead` stream.
 */
export class RedisStreamsEventBus implements EventBus {
  private readonly redis: Redis;
  private readonly release: () => Promise<void>;
  private readonly logger: Logger;
  private readonly keyPrefix: string;
  private readonly maxLength: number;
  private readonly consumers = new Set<RedisStreamConsumer>();
  private closed = false;

  constructor(private readonly options: RedisStreamsEventBusOptions) {
    this.logger = options.logger ?? silentLogger;
    ({ redis: this.redis, release: this.release } = openRedis(options.connection, (error) =>
      this.logger.warn({ err: error }, "event bus connection error"),
    ));
    this.keyPrefix = options.keyPrefix ?? "aiwf:events:";
    this.maxLength = options.maxLength ?? 10_000;
  }

  async publish<Topic extends TopicName>(topic: Topic, tenantId: string, payload: EventTopics[Topic], options?: PublishOptions) {
    return this.publishEnvelope(createEnvelope(topic, tenantId, payload, options) as AnyEventEnvelope);
  }

  async publishEnvelope(envelope: AnyEventEnvelope): Promise<string> {
    this.assertOpen();
    const event = parseEventEnvelope(envelope);
    // "~" lets Redis trim whole macro nodes: far cheaper than an exact MAXLEN.
    await this.redis.xadd(this.streamKey(event.topic), "MAXLEN", "~", this.maxLength, "*", "envelope", JSON.stringify(event));
    return event.id;
  }

  async subscribe<Topic extends TopicName>(
    topic: Topic,
    group: string,
    handler: EventHandler<Topic>,
    options?: SubscribeOptions,
  ): Promise<Subscription> {
    this.assertOpen();
    assertTopicName(topic);
    const resolved = resolveSubscribeOptions(this.options.defaults, options);
    const streamKey = this.streamKey(topic);
    await ensureGroup(this.redis, streamKey, group, resolved.startFrom);
    // Unique per subscription, so two members in one process are two consumers.
    const consumer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const consumerOfGroup = new RedisStreamConsumer({
      admin: this.redis,
      reader: this.redis.duplicate({ connectionName: `events:${group}:${consumer}` }),
      streamKey,
      deadKey: `${streamKey}.dead`,
      group,
      consumer,
      handler: handler as EventHandler<TopicName>,
      options: resolved,
      blockMs: this.options.blockMs ?? 5_000,
      maxLength: this.maxLength,
      logger: this.logger.child({ topic, group, consumer }),
    });
    this.consumers.add(consumerOfGroup);
    return {
      close: async () => {
        await consumerOfGroup.close();
        this.consumers.delete(consumerOfGroup);
      },
    };
  }

  async deadLetters<Topic extends TopicName>(topic: Topic, options: { limit?: number } = {}): Promise<DeadLetter<Topic>[]> {
    const raw = await this.redis.xrange(`${this.streamKey(topic)}.dead`, "-", "+", "COUNT", options.limit ?? 100);
    // Malformed entries are skipped here but stay in the stream for inspection with XRANGE.
    return decodeEntries(raw).flatMap(({ fields }) => {
      try {
        const envelope = parseEventEnvelope(JSON.parse(fields.envelope)) as DeadLetter<Topic>["envelope"];
        return [{ envelope, group: fields.group, error: fields.error, deliveries: Number(fields.deliveries), deadAt: fields.deadAt }];
      } catch {
        return [];
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
    await this.release();
  }

  private streamKey(topic: TopicName): string {
    return `${this.keyPrefix}${topic}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("The event bus is closed");
  }
}
