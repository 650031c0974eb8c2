import { upstreamUnavailable } from "@aiwf/platform";
import { ReplyError, type Redis } from "ioredis";
import type { RateDecision, RateLimiter, RateLimitPolicy } from "../domain/rate-limit";
import { DEFAULT_KEY_PREFIX, rateLimitKey } from "./redis-keys";

/**
 * The token bucket of domain/rate-limit.ts in one script, on Redis's clock (TIME), so
 * every instance shares one bucket per key and disagreeing host clocks do not matter.
 * Returns {1, 0} when allowed, else {0, milliseconds until a token is back}.
 */
const TAKE_TOKEN = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / per_ms)}`;

export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly policy: RateLimitPolicy,
    keyPrefix = DEFAULT_KEY_PREFIX,
  ) {
    this.prefix = keyPrefix;
  }

  async take(tenantId: string, action: string): Promise<RateDecision> {
    const key = rateLimitKey(tenantId, action, this.prefix);
    const windowMs = this.policy.windowSeconds * 1000;
    let reply: [number, number];
    try {
      // A bucket idle for a whole window is full again: let it expire rather than linger.
      reply = (await this.redis.eval(TAKE_TOKEN, 1, key, this.policy.limit, this.policy.limit / windowMs, windowMs)) as [number, number];
    } catch (error) {
      if (error instanceof ReplyError) throw error;
      throw upstreamUnavailable("The rate limiter (Redis)", error);
    }
    const [allowed, waitMs] = reply;
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
