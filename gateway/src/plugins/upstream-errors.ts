import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";

/** Connection failures and timeouts towards a subgraph, as fetch and the gateway word them. */
const UNREACHABLE = /(fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|aborted|timeout|socket hang up|Couldn't load service definitions)/i;

function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.message, String((current as { code?: unknown }).code ?? ""));
    current = current instanceof GraphQLError ? current.originalError : (current as { cause?: unknown }).cause;
  }
  return parts.join(" ");
}

/**
 * A subgraph that is down or slow is the client's to retry, not an internal error:
 * such errors become UPSTREAM_UNAVAILABLE, keeping their path, so partial data stays usable.
 */
export function asUpstreamUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const code = formatted.extensions?.code;
  if (code !== undefined && code !== "INTERNAL_SERVER_ERROR" && code !== "DOWNSTREAM_SERVICE_ERROR") return undefined;
  if (!UNREACHABLE.test(`${formatted.message} ${messagesOf(error)}`)) return undefined;
  const serviceName = formatted.extensions?.serviceName;
  return {
    message: serviceName ? `The ${String(serviceName)} subgraph is unavailable` : "A subgraph is unavailable",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: "UPSTREAM_UNAVAILABLE", ...(serviceName ? { serviceName } : {}) },
  };
}
