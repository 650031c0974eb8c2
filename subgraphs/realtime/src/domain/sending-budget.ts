import { DomainError } from "@aiwf/platform";
import type { RateLimiter } from "./rate-limit";

/**
 * Takes one token of the tenant's budget for `action`, or refuses with RATE_LIMITED and
 * when to retry. Channel and direct messages share the "sendMessage" budget: a tenant's
 * users cannot double their sending rate by switching to direct messages.
 */
export async function spendSendingToken(limiter: RateLimiter, tenantId: string, action: string): Promise<void> {
  const decision = await limiter.take(tenantId, action);
  if (!decision.allowed) {
    throw new DomainError("RATE_LIMITED", `Too many messages for this tenant; retry in ${decision.retryAfterSeconds} s`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}
