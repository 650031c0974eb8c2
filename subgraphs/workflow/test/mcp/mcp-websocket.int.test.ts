import { createMcpToolCaller } from "../../src/mcp/mcp-tool-caller";
import { startWsMcpServer } from "./fixtures/ws-server";
import { MCP_TEST_TENANT, mcpToolCallerContract } from "./mcp-tool-caller.contract";

mcpToolCallerContract("WebSocket", () => {
  let running: Awaited<ReturnType<typeof startWsMcpServer>> | undefined;
  let generation = 0;
  const definition = () => ({ id: "ws-server", tenantId: MCP_TEST_TENANT, transport: "websocket" as const, url: running!.url });
  return {
    start: async () => {
      running = await startWsMcpServer(`ws-${++generation}`);
      return definition();
    },
    restart: async () => {
      const port = running!.port;
      await running!.close();
      running = await startWsMcpServer(`ws-${++generation}`, port);
    },
    kill: async () => {
      const dead = definition();
      await running!.close();
      running = undefined;
      return dead;
    },
    sessions: () => running!.connections(),
    stop: async () => {
      await running?.close();
    },
  };
});

describe("MCP over WebSocket: credentials", () => {
  it("sends the definition's headers in the upgrade request, with the mcp subprotocol", async () => {
    const server = await startWsMcpServer("headers");
    const caller = createMcpToolCaller();
    try {
      const definition = { id: "w", tenantId: "t", transport: "websocket" as const, url: server.url, headers: { authorization: "Bearer ws-secret" } };
      await expect(caller.callTool(definition, "echo", { text: "x" }, { tenantId: "t" })).resolves.toMatchObject({ isError: false });
      expect(server.authorizations).toEqual(["Bearer ws-secret"]);
    } finally {
      await caller.close();
      await server.close();
    }
  });
});
