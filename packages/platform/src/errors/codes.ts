/**
 * The closed vocabulary of error codes clients see in `extensions.code`.
 * One table, so the docs and the mapping cannot drift apart.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: "The input is invalid; `extensions.field` names the offending field.",
  NOT_FOUND: "The thing asked for does not exist for this tenant.",
  CONFLICT: "The write was based on a stale version (expectedVersion) or violates uniqueness; nothing was written.",
  UNAUTHENTICATED: "No valid credentials: a missing, expired or wrongly signed token.",
  FORBIDDEN: "The caller is authenticated but lacks the role or scope for this operation.",
  RATE_LIMITED: "Too many requests; retry after `extensions.retryAfterSeconds`.",
  PAYLOAD_TOO_LARGE: "The input exceeds a size limit; `extensions.limit` says which.",
  UPSTREAM_UNAVAILABLE: "A store or service this operation depends on did not answer in time.",
  INTERNAL_SERVER_ERROR: "An unexpected failure; it has been logged with the request id.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
