import { randomUUID } from "node:crypto";
import { forbidden, hasRole, type Identity } from "@aiwf/platform";
import type { Broadcast } from "./broadcast";
import type { ChannelFanout } from "./channel-fanout";
import { parseMessageBody, parseTopic } from "./message-rules";
import { spendSendingToken, type SendingLimiters } from "./sending-budget";

/** Who may broadcast: announcements reach every user of the tenant, so only admins. */
export const BROADCAST_ROLE = "admin";

/**
 * Tenant-wide announcements on a topic, live only (see Broadcast). Unlike a message, a
 * broadcast that cannot go live has reached nobody, so a fan-out failure fails the call.
 */
export class BroadcastService {
  constructor(private readonly deps: SendingLimiters & { fanout: ChannelFanout; now?: () => number }) {}

  async broadcast(identity: Identity, command: { topic: string; body: string }): Promise<Broadcast> {
    if (!hasRole(identity, BROADCAST_ROLE)) throw forbidden("Broadcasting needs the admin role");
    const topic = parseTopic(command.topic, "input.topic");
    const body = parseMessageBody(command.body, "input.body");
    await spendSendingToken(this.deps, identity, "broadcast");
    const sent: Broadcast = { id: randomUUID(), topic, body, authorId: identity.userId, sentAt: new Date((this.deps.now ?? Date.now)()) };
    await this.deps.fanout.publish("broadcast", identity.tenantId, topic, sent);
    return sent;
  }
}
