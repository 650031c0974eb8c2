import { upstreamUnavailable, type Logger } from "@aiwf/platform";
import type { Redis } from "ioredis";
import { channelStreamKey, type ChannelEvents, type ChannelFanout, type ChannelStream } from "../domain/channel-fanout";
import { sentAtOf } from "../domain/message-id";
import { LocalHub } from "../live/local-hub";
import { channelLiveKey, DEFAULT_KEY_PREFIX } from "./redis-keys";

/**
 * Live channel events between realtime instances over Redis pub/sub: one pub/sub channel
 * per tenant, channel and stream, subscribed while this instance has a listener for it.
 * Pub/sub is fire-and-forget, which suits live delivery: a subscriber that misses
 * something resumes from the message stream with its cursor.
 */
export class RedisFanout implements ChannelFanout {
  private readonly hub = new LocalHub<unknown>();
  /** Pub/sub channel -> local key, for the channels this instance listens to. */
  private readonly routes = new Map<string, string>();
  private readonly subscriber: Redis;
  private readonly prefix: string;

  constructor(private readonly options: { redis: Redis; logger: Logger; keyPrefix?: string }) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    // A connection in subscriber mode can run nothing else, so it is one of its own.
    this.subscriber = options.redis.duplicate();
    this.subscriber.on("error", (error: Error) => options.logger.warn({ err: error }, "redis fan-out connection error"));
    this.subscriber.on("message", (channel: string, text: string) => this.deliver(channel, text));
  }

  async publish<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, event: ChannelEvents[S]): Promise<void> {
    try {
      await this.options.redis.publish(channelLiveKey(tenantId, channelId, stream, this.prefix), JSON.stringify(event));
    } catch (error) {
      throw upstreamUnavailable("Live fan-out (Redis)", error);
    }
  }

  async listen<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, listener: (event: ChannelEvents[S]) => void): Promise<() => void> {
    const key = channelStreamKey(stream, tenantId, channelId);
    const channel = channelLiveKey(tenantId, channelId, stream, this.prefix);
    const { stop } = this.hub.listen(key, listener as (event: unknown) => void);
    const unlisten = () => {
      if (!stop() || this.hub.listenerCount(key) > 0) return;
      this.routes.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => {});
    };
    this.routes.set(channel, key);
    try {
      // Also awaited by later listeners: SUBSCRIBE is idempotent and confirms once Redis routes to us.
      await this.subscriber.subscribe(channel);
    } catch (error) {
      unlisten();
      throw upstreamUnavailable("Live fan-out (Redis)", error);
    }
    return unlisten;
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }

  private deliver(channel: string, text: string): void {
    const key = this.routes.get(channel);
    if (key === undefined) return;
    const stream = (JSON.parse(key) as [ChannelStream])[0];
    let event: unknown;
    try {
      event = revive(stream, JSON.parse(text));
    } catch (error) {
      this.options.logger.warn({ err: error, channel }, "dropping an unreadable live event");
      return;
    }
    this.hub.emit(key, event);
  }
}

/** JSON carries dates as strings: give events their Date fields back. */
function revive(stream: ChannelStream, value: Record<string, unknown>): unknown {
  if (stream === "messages" || stream === "direct") return { ...value, sentAt: sentAtOf(String(value.id)) };
  if (stream === "broadcast") return { ...value, sentAt: new Date(String(value.sentAt)) };
  return { ...value, occurredAt: new Date(String(value.occurredAt)) };
}
