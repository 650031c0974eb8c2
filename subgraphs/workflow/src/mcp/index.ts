export * from "./mcp-server-definition";
export { createMcpToolCaller, type McpToolCaller, type McpToolCallerOptions, type McpToolResult, type McpToolInfo, type McpCallOptions } from "./mcp-tool-caller";
export { McpConnectionPool, type McpConnectionPoolOptions } from "./mcp-connection-pool";
export { checkMcpHealth, startMcpHealthChecks, type McpHealth, type McpHealthCheckOptions } from "./mcp-health";
export { WsClientTransport, MCP_SUBPROTOCOL } from "./ws-client-transport";
