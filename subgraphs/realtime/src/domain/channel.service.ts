import type { Identity, Logger } from "@aiwf/platform";
import type { ChannelFanout } from "./channel-fanout";
import type { ChannelStats, Message, MessagePage } from "./message";
import { parseChannelId, parseForwardWindow, parseMessageBody, parseReferenceId } from "./message-rules";
import type { MessageStore } from "./message-store";
import { spendSendingToken, type SendingLimiters } from "./sending-budget";

export interface ChannelServiceDeps extends SendingLimiters {
  store: MessageStore;
  /** Where sent messages go live for subscribers on every instance. */
  fanout: ChannelFanout;
  logger: Logger;
}

/** `sendMessage`'s input as the caller gave it, before validation. */
export interface SendMessageCommand {
  channelId: string;
  body: string;
  documentId?: string | null;
  workflowId?: string | null;
}

/**
 * Channels and their messages for one caller: validates what comes in and scopes every
 * store call to the caller's tenant. Channels exist implicitly, so there is no "create".
 */
export class ChannelService {
  private readonly store: MessageStore;

  constructor(private readonly deps: ChannelServiceDeps) {
    this.store = deps.store;
  }

  /** A channel reference is only its (normalized) name; `field` names the argument it came from. */
  channelIdOf(raw: string, field = "id"): string {
    return parseChannelId(raw, field);
  }

  async sendMessage(identity: Identity, command: SendMessageCommand): Promise<Message> {
    const channelId = parseChannelId(command.channelId, "input.channelId");
    const message = {
      authorId: identity.userId,
      body: parseMessageBody(command.body, "input.body"),
      documentId: parseReferenceId(command.documentId, "input.documentId"),
      workflowId: parseReferenceId(command.workflowId, "input.workflowId"),
    };
    await spendSendingToken(this.deps, identity, "sendMessage");
    const sent = await this.store.appendMessage(identity.tenantId, channelId, message);
    try {
      await this.deps.fanout.publish("messages", identity.tenantId, channelId, sent);
    } catch (error) {
      // Stored is sent: live subscribers catch up from history when they resume with their cursor.
      this.deps.logger.warn({ err: error, tenant: identity.tenantId, channelId }, "sent message could not go live");
    }
    return sent;
  }

  /** Oldest to newest after the cursor; `channelId` is already normalized. */
  history(identity: Identity, channelId: string, args: { first?: number | null; after?: string | null }): Promise<MessagePage> {
    return this.store.readMessages(identity.tenantId, channelId, parseForwardWindow(args));
  }

  stats(identity: Identity, channelIds: readonly string[]): Promise<ChannelStats[]> {
    return this.store.channelStats(identity.tenantId, channelIds);
  }
}
