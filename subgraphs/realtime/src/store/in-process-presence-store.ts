import type { ExpiredPresence, PresenceMember, PresenceStore } from "../domain/presence";

/**
 * The embedded adapter: last-heartbeat times per tenant, channel and user. One process
 * sweeps it, so "atomic" sweeping is simply synchronous.
 */
export class InProcessPresenceStore implements PresenceStore {
  private readonly channels = new Map<string, { tenantId: string; channelId: string; seen: Map<string, number> }>();

  async touch(tenantId: string, channelId: string, userId: string, nowMs: number): Promise<{ joined: boolean }> {
    const key = JSON.stringify([tenantId, channelId]);
    let channel = this.channels.get(key);
    if (!channel) this.channels.set(key, (channel = { tenantId, channelId, seen: new Map() }));
    const joined = !channel.seen.has(userId);
    channel.seen.set(userId, Math.max(nowMs, channel.seen.get(userId) ?? 0));
    return { joined };
  }

  async remove(tenantId: string, channelId: string, userId: string): Promise<boolean> {
    const key = JSON.stringify([tenantId, channelId]);
    const channel = this.channels.get(key);
    const removed = channel?.seen.delete(userId) ?? false;
    if (channel && channel.seen.size === 0) this.channels.delete(key);
    return removed;
  }

  async members(tenantId: string, channelId: string, sinceMs: number): Promise<PresenceMember[]> {
    const seen = this.channels.get(JSON.stringify([tenantId, channelId]))?.seen ?? new Map<string, number>();
    return [...seen]
      .filter(([, at]) => at >= sinceMs)
      .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
      .map(([userId, at]) => ({ channelId, userId, lastSeenAt: new Date(at) }));
  }

  async sweep(beforeMs: number): Promise<ExpiredPresence[]> {
    const expired: ExpiredPresence[] = [];
    for (const [key, { tenantId, channelId, seen }] of this.channels) {
      for (const [userId, at] of seen) {
        if (at >= beforeMs) continue;
        seen.delete(userId);
        expired.push({ tenantId, channelId, userId, lastSeenAt: new Date(at) });
      }
      if (seen.size === 0) this.channels.delete(key);
    }
    return expired;
  }
}
