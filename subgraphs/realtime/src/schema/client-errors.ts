import { isDomainError, type Logger } from "@aiwf/platform";
import { GraphQLError } from "graphql";

/**
 * An error thrown while a subscription streams ends it with a graphql-ws `error` message,
 * which does not pass through the server's error formatter (only results do). Domain
 * errors become GraphQL errors carrying their code and details here, so the subscriber
 * sees `extensions.code` (e.g. RATE_LIMITED / SLOW_CONSUMER); anything else is masked.
 */
export function withClientErrors<T>(stream: AsyncGenerator<T>, logger: Logger): AsyncGenerator<T> {
  const wrapper = {
    next: () => stream.next().catch((error: unknown) => Promise.reject(toClientError(error, logger))),
    return: (value?: unknown) => stream.return(value as T),
    throw: (error?: unknown) => stream.throw(error),
    [Symbol.asyncIterator]: () => wrapper,
  };
  return wrapper as unknown as AsyncGenerator<T>;
}

function toClientError(error: unknown, logger: Logger): GraphQLError {
  if (!isDomainError(error)) logger.error({ err: error }, "subscription stream failed");
  if (!isDomainError(error)) return new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  const { cause: _cause, ...details } = error.details;
  return new GraphQLError(error.message, { extensions: { code: error.code, ...details } });
}
