import { DomainError, isDomainError } from "@aiwf/platform";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles after each failure. */
  baseDelayMs: number;
  /** Ceiling of the exponential backoff. */
  maxDelayMs: number;
  /**
   * Longest Retry-After we wait for in-process. A longer one is returned to the caller as
   * RATE_LIMITED at once: the executor can park the step durably instead of holding a slot.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export interface RetryOptions {
  signal?: AbortSignal;
  /** Injected so tests can record the delays instead of waiting them out. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected so tests get deterministic jitter. */
  random?: () => number;
  /** Told before each wait, e.g. to log or to evict a broken connection. */
  onRetry?: (error: DomainError, attempt: number, delayMs: number) => void;
}

/** RATE_LIMITED and errors marked `retryable` are worth another attempt; nothing else is. */
export function isRetryable(error: unknown): error is DomainError {
  return isDomainError(error) && (error.code === "RATE_LIMITED" || error.details.retryable === true);
}

/**
 * Runs `operation` until it succeeds, fails for good, or the attempts run out. The wait
 * is "full jitter" exponential backoff (AWS's recommendation: spreads clients that failed
 * together), but never shorter than the server's Retry-After.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, options: RetryOptions = {}): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const retryAfterMs = retryAfterMsOf(error);
      if (retryAfterMs > policy.maxRetryAfterMs) throw error;
      const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.max(retryAfterMs, Math.round(backoff));
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}

function retryAfterMsOf(error: DomainError): number {
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? seconds * 1000 : 0;
}

/** A timer that an AbortSignal cancels, rejecting with the signal's reason. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
