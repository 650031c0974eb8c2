import { upstreamUnavailable } from "@aiwf/platform";
import { ReplyError, type Redis } from "ioredis";
import type { ExpiredPresence, PresenceMember, PresenceStore } from "../domain/presence";
import { channelPresenceKey, DEFAULT_KEY_PREFIX, parsePresenceIndexMember, presenceIndexKey, presenceIndexMember } from "./redis-keys";

/**
 * Removes a channel's members last seen before ARGV[1] and returns them with their scores,
 * then re-scores the channel in the index by its oldest remaining heartbeat (or drops it).
 * One script, so concurrent sweeps on several instances never both expire the same member.
 */
const SWEEP_CHANNEL = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'WITHSCORES')
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1]) end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #oldest == 0 then redis.call('ZREM', KEYS[2], ARGV[2]) else redis.call('ZADD', KEYS[2], oldest[2], ARGV[2]) end
return expired`;

/**
 * Records a heartbeat (GT: a late, older heartbeat never moves presence back) and returns
 * 1 when the user was not present. LT keeps the index score at or below the channel's
 * oldest heartbeat; a stale low score only costs one extra visit by the sweep.
 */
const TOUCH = `
local existed = redis.call('ZSCORE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'LT', ARGV[1], ARGV[3])
if existed then return 0 end
return 1`;

/** Channels swept per round trip; the rest wait for the next sweep. */
const SWEEP_BATCH = 100;

export class RedisPresenceStore implements PresenceStore {
  private readonly prefix: string;

  constructor(private readonly options: { redis: Redis; keyPrefix?: string }) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  async touch(tenantId: string, channelId: string, userId: string, nowMs: number): Promise<{ joined: boolean }> {
    const key = channelPresenceKey(tenantId, channelId, this.prefix);
    const index = presenceIndexKey(this.prefix);
    const joined = await this.call(() => this.redis.eval(TOUCH, 2, key, index, nowMs, userId, presenceIndexMember(tenantId, channelId)));
    return { joined: joined === 1 };
  }

  async remove(tenantId: string, channelId: string, userId: string): Promise<boolean> {
    return (await this.call(() => this.redis.zrem(channelPresenceKey(tenantId, channelId, this.prefix), userId))) === 1;
  }

  async members(tenantId: string, channelId: string, sinceMs: number): Promise<PresenceMember[]> {
    const flat = await this.call(() => this.redis.zrangebyscore(channelPresenceKey(tenantId, channelId, this.prefix), sinceMs, "+inf", "WITHSCORES"));
    return pairs(flat).map(([userId, at]) => ({ channelId, userId, lastSeenAt: new Date(at) }));
  }

  async sweep(beforeMs: number): Promise<ExpiredPresence[]> {
    const index = presenceIndexKey(this.prefix);
    const candidates = await this.call(() => this.redis.zrangebyscore(index, "-inf", `(${beforeMs}`, "LIMIT", 0, SWEEP_BATCH));
    const expired: ExpiredPresence[] = [];
    for (const member of candidates) {
      const { tenantId, channelId } = parsePresenceIndexMember(member);
      const key = channelPresenceKey(tenantId, channelId, this.prefix);
      const flat = (await this.call(() => this.redis.eval(SWEEP_CHANNEL, 2, key, index, beforeMs, member))) as string[];
      for (const [userId, at] of pairs(flat)) expired.push({ tenantId, channelId, userId, lastSeenAt: new Date(at) });
    }
    return expired;
  }

  private get redis(): Redis {
    return this.options.redis;
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof ReplyError) throw error;
      throw upstreamUnavailable("The presence store (Redis)", error);
    }
  }
}

function pairs(flat: string[]): [string, number][] {
  const result: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push([flat[i]!, Number(flat[i + 1])]);
  return result;
}
