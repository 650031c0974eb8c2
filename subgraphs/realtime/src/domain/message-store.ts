import type { ChannelStats, HistoryWindow, Message, MessagePage, NewMessage } from "./message";

/** How many messages a channel keeps when configuration does not say. */
export const DEFAULT_MESSAGE_RETENTION = 10_000;

/**
 * Redis trims a stream only by whole internal nodes (`MAXLEN ~`, nodes of
 * `stream-node-max-entries`, 100 by default), so a channel may hold up to this many
 * messages beyond its retention before the oldest go. That is the price of O(1) appends.
 */
export const RETENTION_SLACK = 100;

/**
 * A tenant's channels and their message history. Every method takes the tenant first:
 * no adapter may let one tenant's channel name reach another tenant's data.
 *
 * Retention: each channel keeps at least its newest `retention` messages and never more
 * than `retention + RETENTION_SLACK`; older ones are dropped as new ones arrive.
 * Arguments are already validated (see message-rules.ts); adapters do not re-check them.
 */
export interface MessageStore {
  appendMessage(tenantId: string, channelId: string, message: NewMessage): Promise<Message>;

  /** A page of history, oldest to newest; a cursor older than the retained history simply starts at the oldest kept. */
  readMessages(tenantId: string, channelId: string, window: HistoryWindow): Promise<MessagePage>;

  /**
   * Counts and last-message times for many channels in one round trip, in the order
   * asked. One tenant per call: batches never span tenants, by construction.
   */
  channelStats(tenantId: string, channelIds: readonly string[]): Promise<ChannelStats[]>;

  /**
   * The oldest retained message's id once retention has dropped older messages; undefined
   * while the channel keeps its whole history. A resume cursor older than it may have lost
   * messages (the subscription says so with `historyTruncated`). Redis reports the first
   * entry but not the last trimmed one, so a cursor naming exactly the newest dropped
   * message also counts as truncated: a needless refetch, never a silent gap.
   */
  truncatedBefore(tenantId: string, channelId: string): Promise<string | undefined>;
}
