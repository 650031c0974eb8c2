import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isErrorCode } from "./codes";
import { isDomainError } from "./domain-error";

export interface MaskErrorOptions {
  /** Keep messages of unexpected errors (development only). */
  exposeInternalMessages: boolean;
  /** Called with every unexpected error before it is masked. */
  onUnexpected: (error: unknown) => void;
}

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? originalOf(error.originalError) : error;
}

/**
 * The one place where errors become `extensions.code`. DomainErrors keep their code and
 * details; GraphQL errors that already carry a known code (validation, parsing) pass;
 * everything else is masked and logged, so no stack trace or SQL reaches a client.
 */
export function createErrorFormatter(options: MaskErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    if (isDomainError(original)) {
      const { field, reason, cause: _cause, ...rest } = original.details;
      return {
        ...formatted,
        message: original.message,
        extensions: { code: original.code, ...(field ? { field } : {}), ...(reason ? { reason } : {}), ...rest },
      };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== "INTERNAL_SERVER_ERROR") {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (typeof code === "string" && code.startsWith("GRAPHQL_")) {
      // Parse/validation failures are the client's input: report them as such, keeping
      // what a validation rule said (e.g. which operation limit was exceeded).
      const ruleExtensions = original instanceof GraphQLError ? original.extensions : {};
      return { ...formatted, extensions: { reason: code, ...ruleExtensions, code: "BAD_USER_INPUT" } };
    }
    options.onUnexpected(original);
    return {
      message: options.exposeInternalMessages && original instanceof Error ? original.message : "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
