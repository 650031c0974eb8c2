import type { Broadcast } from "./broadcast";
import type { DirectMessage } from "./direct-message";
import type { Message } from "./message";
import type { PresenceEvent } from "./presence";

/**
 * What travels between realtime instances, per stream. The "channel" argument of the
 * fan-out names what the stream is about: a channel for `messages` and `presence`, the
 * recipient's user id for `direct` (their inbox: only they listen on it), the topic for
 * `broadcast`. The stream is part of every key, so these names never collide.
 */
export interface ChannelEvents {
  messages: Message;
  presence: PresenceEvent;
  direct: DirectMessage;
  broadcast: Broadcast;
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
