/**
 * A token bucket: `capacity` requests at once, refilled continuously at
 * capacity / window. The same arithmetic runs in the Redis Lua script, so both adapters
 * answer alike; this pure version is what the in-process limiter and the tests use.
 */
export interface RateLimitPolicy {
  /** Requests allowed per window (and the burst size). */
  limit: number;
  windowSeconds: number;
}

export interface BucketState {
  tokens: number;
  atMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function takeToken(policy: RateLimitPolicy, state: BucketState | undefined, nowMs: number): { decision: RateDecision; state: BucketState } {
  const perMs = policy.limit / (policy.windowSeconds * 1000);
  const previous = state ?? { tokens: policy.limit, atMs: nowMs };
  const tokens = Math.min(policy.limit, previous.tokens + Math.max(0, nowMs - previous.atMs) * perMs);
  if (tokens >= 1) return { decision: { allowed: true }, state: { tokens: tokens - 1, atMs: nowMs } };
  const waitMs = Math.ceil((1 - tokens) / perMs);
  return { decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }, state: { tokens, atMs: nowMs } };
}

/** One bucket per tenant and action, shared by every instance using the same store. */
export interface RateLimiter {
  take(tenantId: string, action: string): Promise<RateDecision>;
}
