import type { Identity, Logger } from "@aiwf/platform";
import type { ChannelFanout } from "./channel-fanout";
import { parseChannelId } from "./message-rules";
import type { PresenceEvent, PresenceMember, PresenceStore } from "./presence";

export interface PresenceOptions {
  /** Presence lasts this long after the last heartbeat. */
  ttlMs: number;
  logger: Logger;
  now?: () => number;
}

/**
 * Who is in a channel. Joining and heartbeats are one operation (a heartbeat after expiry
 * joins again); every change is announced on the channel's fan-out as a PresenceEvent.
 */
export class PresenceService {
  private readonly now: () => number;

  constructor(
    private readonly store: PresenceStore,
    private readonly fanout: ChannelFanout,
    private readonly options: PresenceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  async heartbeat(identity: Identity, rawChannelId: string): Promise<PresenceMember> {
    const channelId = parseChannelId(rawChannelId, "channelId");
    const now = this.now();
    const { joined } = await this.store.touch(identity.tenantId, channelId, identity.userId, now);
    const member = { channelId, userId: identity.userId, lastSeenAt: new Date(now) };
    if (joined) await this.announce(identity.tenantId, { kind: "JOINED", channelId, userId: identity.userId, occurredAt: member.lastSeenAt });
    return member;
  }

  /** False when the caller was not present (already left, or expired). */
  async leave(identity: Identity, rawChannelId: string): Promise<boolean> {
    const channelId = parseChannelId(rawChannelId, "channelId");
    const left = await this.store.remove(identity.tenantId, channelId, identity.userId);
    if (left) await this.announce(identity.tenantId, { kind: "LEFT", channelId, userId: identity.userId, occurredAt: new Date(this.now()) });
    return left;
  }

  /** Members whose presence has not expired, even if the sweep has not removed them yet. */
  members(identity: Identity, channelId: string): Promise<PresenceMember[]> {
    return this.store.members(identity.tenantId, channelId, this.now() - this.options.ttlMs);
  }

  /** Removes expired members and announces each once (the store's sweep is atomic). */
  async sweep(): Promise<number> {
    const expired = await this.store.sweep(this.now() - this.options.ttlMs);
    const occurredAt = new Date(this.now());
    for (const { tenantId, channelId, userId } of expired) {
      await this.announce(tenantId, { kind: "EXPIRED", channelId, userId, occurredAt });
    }
    return expired.length;
  }

  /** Sweeps on a timer (a third of the TTL, so expiry is noticed within 1.33 TTL); returns the stop. */
  startSweeping(): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.sweep()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, "presence sweep failed; retrying on the next tick"))
        .finally(() => (running = false));
    }, Math.max(20, Math.floor(this.options.ttlMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The change is already stored: a fan-out failure is logged, not turned into a failed mutation. */
  private async announce(tenantId: string, event: PresenceEvent): Promise<void> {
    try {
      await this.fanout.publish("presence", tenantId, event.channelId, event);
    } catch (error) {
      this.options.logger.warn({ err: error, tenant: tenantId, channelId: event.channelId }, "could not announce a presence change");
    }
  }
}
