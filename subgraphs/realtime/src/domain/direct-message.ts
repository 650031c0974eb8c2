import type { Message } from "./message";

/**
 * A message between two users of one tenant. It is stored as a message of their
 * conversation (a channel-like stream in the MessageStore), so it has the same id,
 * ordering, retention and cursors as a channel message.
 */
export interface DirectMessage {
  /** Unique and increasing within the conversation; doubles as its history cursor. */
  id: string;
  fromUserId: string;
  toUserId: string;
  body: string;
  documentId?: string;
  workflowId?: string;
  sentAt: Date;
}

/**
 * The MessageStore channel of the conversation between two users: the same for both
 * orders of the pair. User ids are percent-encoded (so `:` separates unambiguously) and
 * the name starts with `@`, which no channel name may (see parseChannelId): the
 * conversation can never be reached through the channel API, only through the two users'
 * own identities.
 */
export function conversationChannelId(userA: string, userB: string): string {
  const [first, second] = userA <= userB ? [userA, userB] : [userB, userA];
  return `@dm:${encodeURIComponent(first)}:${encodeURIComponent(second)}`;
}

/** A stored conversation message as `viewerId` sees it in the conversation with `otherUserId`. */
export function asDirectMessage(message: Message, viewerId: string, otherUserId: string): DirectMessage {
  const toUserId = message.authorId === viewerId ? otherUserId : viewerId;
  return {
    id: message.id,
    fromUserId: message.authorId,
    toUserId,
    body: message.body,
    ...(message.documentId === undefined ? {} : { documentId: message.documentId }),
    ...(message.workflowId === undefined ? {} : { workflowId: message.workflowId }),
    sentAt: message.sentAt,
  };
}

export interface DirectMessagePage {
  messages: DirectMessage[];
  hasMore: boolean;
}
