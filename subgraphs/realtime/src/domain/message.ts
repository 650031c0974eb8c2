/**
 * A channel's history, in domain language. A channel exists implicitly: it is a name
 * within a tenant, and its history is whatever has been sent to it (and retained).
 */
export interface Message {
  /**
   * `<ms>-<seq>`: the Redis stream entry id (the in-process store mints the same shape).
   * Strictly increasing within a channel, so it doubles as the history cursor and,
   * later, as the resume point for a subscription (replay after it, then go live).
   */
  id: string;
  channelId: string;
  authorId: string;
  body: string;
  documentId?: string;
  workflowId?: string;
  sentAt: Date;
}

/** What a caller sends; ids and time are the store's to assign. */
export interface NewMessage {
  authorId: string;
  body: string;
  documentId?: string;
  workflowId?: string;
}

/**
 * Forward (`after` + `first`) or backward (`before` + `last`) through a channel's history.
 * Cursors are exclusive. A page is always ordered oldest to newest.
 */
export type HistoryWindow = { after?: string; first: number } | { before?: string; last: number };

export interface MessagePage {
  messages: Message[];
  /** More messages lie beyond the page in the direction of travel. */
  hasMore: boolean;
}

export interface ChannelStats {
  channelId: string;
  /** Messages currently retained (history is capped, see `MessageStore`). */
  messageCount: number;
  lastMessageAt: Date | null;
}

export const isForward = (window: HistoryWindow): window is { after?: string; first: number } => "first" in window;
