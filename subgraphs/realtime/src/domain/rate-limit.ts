import type { RateDecision } from "@aiwf/platform";

export type { BucketState, RateDecision, RateLimitPolicy } from "@aiwf/platform";
export { takeToken } from "@aiwf/platform";

/** One token bucket per (tenant, key), shared by every instance using the same store. */
export interface RateLimiter {
  take(tenantId: string, action: string): Promise<RateDecision>;
}
