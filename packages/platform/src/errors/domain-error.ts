import type { ErrorCode } from "./codes";

export interface DomainErrorDetails {
  /** The input field at fault, as a dotted path (`input.name`), for BAD_USER_INPUT. */
  field?: string;
  /** A stable, machine-readable reason within the code (`STALE_VERSION`, `CYCLE`). */
  reason?: string;
  /** Anything else a client can act on (retryAfterSeconds, limit, expectedVersion...). */
  [key: string]: unknown;
}

/**
 * What domain and store code throws. Only these become client-visible errors;
 * anything else is masked as INTERNAL_SERVER_ERROR by `maskError`.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string, details: DomainErrorDetails = {}) =>
  new DomainError("BAD_USER_INPUT", message, { ...details, field });

export const notFound = (what: string, id: string) => new DomainError("NOT_FOUND", `${what} ${id} was not found`, { id });

export const conflict = (message: string, details: DomainErrorDetails = {}) => new DomainError("CONFLICT", message, details);

export const unauthenticated = (message = "Authentication required") => new DomainError("UNAUTHENTICATED", message);

export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);

export const upstreamUnavailable = (what: string, cause?: unknown) =>
  new DomainError("UPSTREAM_UNAVAILABLE", `${what} is unavailable`, { cause: cause instanceof Error ? cause.message : undefined });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
