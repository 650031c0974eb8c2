import { randomUUID } from "node:crypto";
import type { Logger } from "../logging";
import { deliverWithRetries, silentLogger, type DeliveryChannel } from "./delivery";
import { assertTopicName, createEnvelope, parseEventEnvelope, type AnyEventEnvelope, type PublishOptions } from "./envelope";
import {
  resolveSubscribeOptions,
  type DeadLetter,
  type EventBus,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from "./event-bus";
import { GroupQueue, type QueuedEvent } from "./in-process-queue";
import type { EventTopics, TopicName } from "./topics";

export interface InProcessEventBusOptions {
  logger?: Logger;
  /** Events retained per topic, per unconsumed group and per dead-letter list (like MAXLEN). */
  maxLength?: number;
  /** Subscribe options every subscription starts from. */
  defaults?: SubscribeOptions;
}

/**
 * The event bus of embedded mode: every service in one process. Same contract as the
 * Redis bus (groups, redelivery, dead letters, order per topic) with plain queues, so
 * code and tests behave alike in both modes. Events do not survive a restart.
 */
export class InProcessEventBus implements EventBus {
  private readonly logger: Logger;
  private readonly maxLength: number;
  private readonly history = new Map<TopicName, string[]>();
  private readonly groups = new Map<TopicName, Map<string, GroupQueue>>();
  private readonly dead = new Map<TopicName, DeadLetter[]>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: InProcessEventBusOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.maxLength = options.maxLength ?? 10_000;
  }

  async publish<Topic extends TopicName>(topic: Topic, tenantId: string, payload: EventTopics[Topic], options?: PublishOptions) {
    return this.publishEnvelope(createEnvelope(topic, tenantId, payload, options) as AnyEventEnvelope);
  }

  async publishEnvelope(envelope: AnyEventEnvelope): Promise<string> {
    this.assertOpen();
    const event = parseEventEnvelope(envelope);
    const json = JSON.stringify(event);
    keepLast(this.listOf(this.history, event.topic), json, this.maxLength);
    for (const queue of this.groupsOf(event.topic).values()) queue.push({ json, deliveries: 0 });
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
    const queue = this.groupQueue(topic, group, resolved.startFrom);
    const consumer = `${group}-${randomUUID()}`;
    const abort = new AbortController();

    const consume = async () => {
      for (let next = await queue.take(abort.signal); next; next = await queue.take(abort.signal)) {
        next.deliveries += 1;
        const delivery = { envelope: JSON.parse(next.json), deliveries: next.deliveries, group, consumer };
        const channel = this.channelFor(next, topic, group);
        const outcome = await deliverWithRetries(delivery, handler as EventHandler<TopicName>, channel, resolved, abort.signal, this.logger);
        if (outcome === "abandoned") queue.returnToFront(next);
      }
    };
    const consuming = consume();
    const subscription: Subscription = {
      close: async () => {
        abort.abort();
        await consuming;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async deadLetters<Topic extends TopicName>(topic: Topic, options: { limit?: number } = {}): Promise<DeadLetter<Topic>[]> {
    const letters = (this.dead.get(topic) ?? []).slice(0, options.limit ?? 100);
    return structuredClone(letters) as DeadLetter<Topic>[];
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private channelFor(event: QueuedEvent, topic: TopicName, group: string): DeliveryChannel {
    return {
      acknowledge: async () => {},
      redeliver: async () => {
        event.deliveries += 1;
      },
      deadLetter: async (error, deliveries) => {
        const letter: DeadLetter = { envelope: JSON.parse(event.json), group, error, deliveries, deadAt: new Date().toISOString() };
        keepLast(this.listOf(this.dead, topic), letter, this.maxLength);
      },
    };
  }

  /** Groups outlive their members, as in Redis: events wait for the next member. */
  private groupQueue(topic: TopicName, group: string, startFrom: "earliest" | "latest"): GroupQueue {
    const groups = this.groupsOf(topic);
    let queue = groups.get(group);
    if (!queue) {
      queue = new GroupQueue(this.maxLength, (dropped) =>
        this.logger.warn({ topic, group, event: dropped.json.slice(0, 200) }, "group fell behind maxLength; oldest event dropped"),
      );
      if (startFrom === "earliest") for (const json of this.history.get(topic) ?? []) queue.push({ json, deliveries: 0 });
      groups.set(group, queue);
    }
    return queue;
  }

  private groupsOf(topic: TopicName): Map<string, GroupQueue> {
    let groups = this.groups.get(topic);
    if (!groups) this.groups.set(topic, (groups = new Map()));
    return groups;
  }

  private listOf<T>(lists: Map<TopicName, T[]>, topic: TopicName): T[] {
    let list = lists.get(topic);
    if (!list) lists.set(topic, (list = []));
    return list;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("The event bus is closed");
  }
}

function keepLast<T>(list: T[], item: T, maxLength: number): void {
  list.push(item);
  if (list.length > maxLength) list.splice(0, list.length - maxLength);
}
