import type { Identity, Logger } from "@aiwf/platform";
import type { ChannelFanout } from "./channel-fanout";
import { asDirectMessage, conversationChannelId, type DirectMessage, type DirectMessagePage } from "./direct-message";
import { parseForwardWindow, parseMessageBody, parseReferenceId, parseUserId } from "./message-rules";
import type { MessageStore } from "./message-store";
import { spendSendingToken, type SendingLimiters } from "./sending-budget";

export interface DirectMessageServiceDeps extends SendingLimiters {
  store: MessageStore;
  fanout: ChannelFanout;
  logger: Logger;
}

/** `sendDirectMessage`'s input as the caller gave it, before validation. */
export interface SendDirectMessageCommand {
  toUserId: string;
  body: string;
  documentId?: string | null;
  workflowId?: string | null;
}

/**
 * Direct messages between two users of one tenant. The conversation is always derived
 * from the caller's own user id and the other user's, so a caller can only ever read or
 * write conversations they are part of; the tenant scopes it like every channel.
 */
export class DirectMessageService {
  constructor(private readonly deps: DirectMessageServiceDeps) {}

  async send(identity: Identity, command: SendDirectMessageCommand): Promise<DirectMessage> {
    const toUserId = parseUserId(command.toUserId, "input.toUserId");
    const message = {
      authorId: identity.userId,
      body: parseMessageBody(command.body, "input.body"),
      documentId: parseReferenceId(command.documentId, "input.documentId"),
      workflowId: parseReferenceId(command.workflowId, "input.workflowId"),
    };
    await spendSendingToken(this.deps, identity, "sendMessage");
    const stored = await this.deps.store.appendMessage(identity.tenantId, conversationChannelId(identity.userId, toUserId), message);
    const sent = asDirectMessage(stored, identity.userId, toUserId);
    try {
      // The recipient's inbox only: nobody else of the tenant listens on it.
      await this.deps.fanout.publish("direct", identity.tenantId, toUserId, sent);
    } catch (error) {
      // Stored is sent: the recipient still finds it in the conversation's history.
      this.deps.logger.warn({ err: error, tenant: identity.tenantId }, "sent direct message could not go live");
    }
    return sent;
  }

  /** The caller's conversation with `withUserId`, oldest first, paged forward. */
  async history(identity: Identity, rawWithUserId: string, args: { first?: number | null; after?: string | null }): Promise<DirectMessagePage> {
    const withUserId = parseUserId(rawWithUserId, "withUserId");
    const page = await this.deps.store.readMessages(identity.tenantId, conversationChannelId(identity.userId, withUserId), parseForwardWindow(args));
    return { messages: page.messages.map((message) => asDirectMessage(message, identity.userId, withUserId)), hasMore: page.hasMore };
  }
}
