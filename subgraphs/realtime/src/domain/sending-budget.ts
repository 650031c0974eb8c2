import { DomainError, type Identity } from "@aiwf/platform";
import type { RateLimiter } from "./rate-limit";

/**
 * Two budgets guard every send: the tenant's (its users together cannot flood the store)
 * and the sender's own (one noisy client cannot spend the whole tenant's budget and lock
 * its colleagues out).
 */
export interface SendingLimiters {
  /** One bucket per tenant and action. */
  sendLimiter: RateLimiter;
  /** One bucket per sender (tenant + user) and action, with a smaller allowance. */
  senderLimiter: RateLimiter;
}

/**
 * Takes one token from the sender's budget, then the tenant's, or refuses with RATE_LIMITED,
 * naming which budget ran out and when to retry. Channel and direct messages share the
 * "sendMessage" budget: switching to direct messages does not double anyone's rate.
 */
export async function spendSendingToken(limiters: SendingLimiters, identity: Identity, action: string): Promise<void> {
  const sender = await limiters.senderLimiter.take(identity.tenantId, `${action}/sender/${identity.userId}`);
  if (!sender.allowed) throw rateLimited("SENDER", `Too many messages from you; retry in ${sender.retryAfterSeconds} s`, sender.retryAfterSeconds);
  const tenant = await limiters.sendLimiter.take(identity.tenantId, action);
  if (!tenant.allowed) throw rateLimited("TENANT", `Too many messages for this tenant; retry in ${tenant.retryAfterSeconds} s`, tenant.retryAfterSeconds);
}

const rateLimited = (scope: "SENDER" | "TENANT", message: string, retryAfterSeconds: number) =>
  new DomainError("RATE_LIMITED", message, { scope, retryAfterSeconds });
