import { startHttpMcpServer } from "./fixtures/http-server";
import { MCP_TEST_TENANT, mcpToolCallerContract } from "./mcp-tool-caller.contract";

mcpToolCallerContract("streamable HTTP", () => {
  let running: Awaited<ReturnType<typeof startHttpMcpServer>> | undefined;
  let generation = 0;
  const definition = () => ({ id: "http-server", tenantId: MCP_TEST_TENANT, transport: "http" as const, url: running!.url, headers: { authorization: "Bearer mcp-secret" } });
  return {
    start: async () => {
      running = await startHttpMcpServer(`http-${++generation}`);
      return definition();
    },
    restart: async () => {
      const port = running!.port;
      await running!.close();
      running = await startHttpMcpServer(`http-${++generation}`, port);
    },
    kill: async () => {
      const dead = definition();
      await running!.close();
      running = undefined;
      return dead;
    },
    sessions: () => running!.sessions(),
    stop: async () => {
      await running?.close();
    },
  };
});

describe("MCP over streamable HTTP: credentials", () => {
  it("sends the definition's headers on every request", async () => {
    const { createMcpToolCaller } = await import("../../src/mcp/mcp-tool-caller");
    const server = await startHttpMcpServer("headers");
    const caller = createMcpToolCaller();
    try {
      await caller.callTool({ id: "h", tenantId: "t", transport: "http", url: server.url, headers: { authorization: "Bearer mcp-secret" } }, "echo", { text: "x" }, { tenantId: "t" });
      expect(server.seenHeaders.length).toBeGreaterThan(0);
      expect(server.seenHeaders.every((headers) => headers.authorization === "Bearer mcp-secret")).toBe(true);
    } finally {
      await caller.close();
      await server.close();
    }
  });
});
