import { isDomainError } from "@aiwf/platform";
import type { McpServerDefinition } from "../mcp/mcp-server-definition";
import type { McpToolCaller } from "../mcp/mcp-tool-caller";
import type { ActivityContext } from "./activities";
import { StepFailure } from "./step-failure";

export interface McpToolStepInput {
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
}

/** What an `mcpTool` step needs: the tenant's registry and a (pooled) caller. */
export interface McpActivityDeps {
  servers: { resolve(tenantId: string, id: string): Promise<McpServerDefinition> };
  caller: Pick<McpToolCaller, "callTool">;
}

const textOf = (content: unknown): string =>
  Array.isArray(content)
    ? content
        .filter((block): block is { type: "text"; text: string } => block?.type === "text" && typeof block.text === "string")
        .map((block) => block.text)
        .join("\n")
    : "";

/**
 * Calls a tool on one of the tenant's registered MCP servers. Transport failures (the server
 * is down, the connection dropped, a timeout) are retryable; an unregistered server, an
 * unknown tool, rejected arguments and a tool reporting an error are not: another attempt
 * would get the same answer.
 */
export function createMcpToolActivity(mcp: McpActivityDeps | undefined) {
  return async function mcpTool(input: McpToolStepInput, context: ActivityContext) {
    if (!mcp) throw new StepFailure("mcpTool nodes are not available on this workflow service", "MCP_NOT_CONFIGURED", false);
    const where = `MCP server "${input.server}"`;
    let result;
    try {
      const server = await mcp.servers.resolve(context.tenantId, input.server);
      result = await mcp.caller.callTool(server, input.tool, input.arguments, { tenantId: context.tenantId, signal: context.signal });
    } catch (error) {
      if (!isDomainError(error)) throw error; // an abort or timeout: toStepError classifies it
      if (error.code === "NOT_FOUND") throw new StepFailure(`${where} is not registered for this tenant (registerMcpServer)`, "MCP_SERVER_NOT_FOUND", false);
      if (error.details.reason === "EGRESS_BLOCKED") throw new StepFailure(error.message, "EGRESS_BLOCKED", false);
      if (error.code === "UPSTREAM_UNAVAILABLE" || error.code === "RATE_LIMITED") {
        const upstream = typeof error.details.upstream === "string" ? `: ${error.details.upstream}` : "";
        throw new StepFailure(`${where} is unavailable${upstream}`, "MCP_UNAVAILABLE", true);
      }
      throw new StepFailure(`${where} refused the call to ${input.tool}: ${error.message}`, `MCP_${error.code}`, false);
    }
    const text = textOf(result.content);
    if (result.isError) {
      const unknownTool = /tool .* not found/i.test(text);
      throw new StepFailure(`${where}, tool ${input.tool}: ${text.slice(0, 500) || "the tool reported an error"}`, unknownTool ? "MCP_UNKNOWN_TOOL" : "MCP_TOOL_ERROR", false);
    }
    return { text, content: result.content, structuredContent: result.structuredContent ?? null };
  };
}
