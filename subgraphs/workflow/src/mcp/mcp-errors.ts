import { DomainError, badInput, isDomainError } from "@aiwf/platform";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";

/**
 * MCP failures in the error vocabulary. A server rejecting the call itself (unknown tool,
 * arguments that fail its schema) is the workflow author's mistake: BAD_USER_INPUT, never
 * retried. Everything else (connection refused or closed, timeouts, a restarted server
 * that lost our session) is UPSTREAM_UNAVAILABLE and retryable on a fresh connection.
 */
export function classifyMcpFailure(serverId: string, error: unknown, what: { tool?: string } = {}): DomainError {
  if (isDomainError(error)) return error;
  if (error instanceof McpError && (error.code === ErrorCode.InvalidParams || error.code === ErrorCode.MethodNotFound)) {
    const field = what.tool && /tool/i.test(error.message) && /not found|unknown/i.test(error.message) ? "tool" : "arguments";
    return badInput(field, `MCP server ${serverId} rejected the call: ${error.message}`, { serverId, mcpCode: error.code });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError("UPSTREAM_UNAVAILABLE", `MCP server ${serverId} is unavailable`, { serverId, retryable: true, upstream: message });
}
