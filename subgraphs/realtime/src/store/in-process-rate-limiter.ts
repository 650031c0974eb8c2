import { takeToken, type BucketState, type RateDecision, type RateLimiter, type RateLimitPolicy } from "../domain/rate-limit";

/** The embedded adapter: token buckets in a map (idle ones are dropped once full again). */
export class InProcessRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async take(tenantId: string, action: string): Promise<RateDecision> {
    const key = JSON.stringify([tenantId, action]);
    const now = this.now();
    const { decision, state } = takeToken(this.policy, this.buckets.get(key), now);
    this.buckets.set(key, state);
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    return decision;
  }

  private forgetFullBuckets(now: number): void {
    const windowMs = this.policy.windowSeconds * 1000;
    for (const [key, state] of this.buckets) if (now - state.atMs >= windowMs) this.buckets.delete(key);
  }
}
