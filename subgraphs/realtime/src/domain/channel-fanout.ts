import type { Message } from "./message";
import type { PresenceEvent } from "./presence";

/** What travels between realtime instances about one channel. */
export interface ChannelEvents {
  messages: Message;
  presence: PresenceEvent;
}
export type ChannelStream = keyof ChannelEvents;

/**
 * Live events of a tenant's channel, shared by every realtime instance: a message sent
 * through one instance reaches subscribers on all of them (Redis pub/sub between
 * processes; in-process in embedded mode). Delivery is at-most-once and live only:
 * history and resume come from the MessageStore, never from here.
 */
export interface ChannelFanout {
  publish<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, event: ChannelEvents[S]): Promise<void>;
  /** Resolves once events published afterwards will reach `listener`; the result stops it. */
  listen<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, listener: (event: ChannelEvents[S]) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** A collision-free local key for (stream, tenant, channel). */
export const channelStreamKey = (stream: ChannelStream, tenantId: string, channelId: string): string =>
  JSON.stringify([stream, tenantId, channelId]);
