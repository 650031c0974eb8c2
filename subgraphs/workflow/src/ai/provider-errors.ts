import { DomainError, badInput, isDomainError } from "@aiwf/platform";

/** What a provider adapter knows about a failed HTTP exchange, vendor-neutral. */
export interface HttpFailure {
  provider: string;
  /** Undefined when no response arrived (connection refused, reset, timeout). */
  status?: number;
  /** Response header lookup (lower-case names). */
  header?: (name: string) => string | null | undefined;
  message: string;
}

/**
 * The one mapping from provider failures to the error vocabulary, so every provider
 * fails the same way and the retry wrapper and the executor decide on codes alone:
 * 429 -> RATE_LIMITED (retryAfterSeconds), 408/409/5xx/no response -> UPSTREAM_UNAVAILABLE
 * (retryable), other 4xx -> BAD_USER_INPUT (the request itself is wrong: retrying won't help).
 */
export function classifyHttpFailure(failure: HttpFailure): DomainError {
  const { provider, status } = failure;
  const reason = `${provider}: ${failure.message}`;
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(failure.header) ?? 1;
    return new DomainError("RATE_LIMITED", `${provider} rate limit reached`, { retryAfterSeconds, provider, retryable: true, upstream: reason });
  }
  if (status === undefined || status === 408 || status === 409 || status >= 500) {
    const retryAfterSeconds = parseRetryAfter(failure.header);
    return new DomainError("UPSTREAM_UNAVAILABLE", `${provider} is unavailable`, {
      provider,
      retryable: true,
      upstream: reason,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  if (status === 401 || status === 403) {
    // Our credentials, not the user's input: an operator must fix the configuration.
    return new DomainError("UPSTREAM_UNAVAILABLE", `${provider} refused our credentials`, { provider, retryable: false, upstream: reason, status });
  }
  // 404 is an unknown model (the only path segment a user chooses); anything else is the request.
  const field = status === 404 ? "model" : "request";
  return badInput(field, `${provider} rejected the request: ${failure.message}`, { provider, status });
}

/**
 * Retry-After in seconds, from `retry-after-ms` (OpenAI, Anthropic) or `retry-after`
 * (seconds or an HTTP date). Fractions round up: waiting too little earns another 429.
 */
export function parseRetryAfter(header: HttpFailure["header"], now = Date.now()): number | undefined {
  const ms = Number(header?.("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const value = header?.("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Aborts pass through untouched: cancellation is the caller's decision, not a failure. */
export function rethrowIfAborted(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
  if (isDomainError(error)) throw error;
}
