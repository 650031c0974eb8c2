/**
 * A token bucket: `limit` requests at once, refilled continuously at limit / window. Pure,
 * so every adapter (a map in one process, a Lua script in Redis, a gateway socket) answers
 * with the same arithmetic, and the tests pin it once.
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

/** A bucket owned by one holder (a socket, a client): no map, no key, gone with its owner. */
export class TokenBucket {
  private state: BucketState | undefined;

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  take(): RateDecision {
    const { decision, state } = takeToken(this.policy, this.state, this.now());
    this.state = state;
    return decision;
  }
}
