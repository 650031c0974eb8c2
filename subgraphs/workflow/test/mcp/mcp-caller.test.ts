import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { classifyMcpFailure } from "../../src/mcp/mcp-errors";
import { startMcpHealthChecks, type McpHealth } from "../../src/mcp/mcp-health";
import { validateMcpServerDefinition, type McpServerDefinition } from "../../src/mcp/mcp-server-definition";
import { createMcpToolCaller } from "../../src/mcp/mcp-tool-caller";
import { startWsMcpServer } from "./fixtures/ws-server";

const base = { id: "s1", tenantId: "t1" };

describe("MCP server definitions", () => {
  it("names the offending field of an invalid definition", () => {
    const fieldOf = (server: Partial<McpServerDefinition>) => {
      try {
        validateMcpServerDefinition({ ...base, ...server } as McpServerDefinition, "input.servers[0]");
        return undefined;
      } catch (error) {
        return (error as { details: { field: string } }).details.field;
      }
    };
    expect(fieldOf({ transport: "stdio" })).toBe("input.servers[0].command");
    expect(fieldOf({ transport: "http", url: "not a url" })).toBe("input.servers[0].url");
    expect(fieldOf({ transport: "websocket", url: "http://x" })).toBe("input.servers[0].url");
    expect(fieldOf({ transport: "carrier-pigeon" as never })).toBe("input.servers[0].transport");
    expect(fieldOf({ transport: "http", url: "https://mcp.example.com/mcp" })).toBeUndefined();
  });

  it("refuses a call on behalf of another tenant before dialling", async () => {
    const caller = createMcpToolCaller();
    await expect(caller.callTool({ ...base, transport: "http", url: "http://127.0.0.1:9/mcp" }, "echo", {}, { tenantId: "intruder" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(caller.pool.opened).toBe(0);
  });

  it("classifies JSON-RPC rejections as BAD_USER_INPUT and the rest as retryable", () => {
    expect(classifyMcpFailure("s", new McpError(ErrorCode.InvalidParams, "Unknown tool: nope"), { tool: "nope" })).toMatchObject({ code: "BAD_USER_INPUT", details: { field: "tool" } });
    expect(classifyMcpFailure("s", new McpError(ErrorCode.InvalidParams, "a must be a number"), { tool: "divide" })).toMatchObject({ code: "BAD_USER_INPUT", details: { field: "arguments" } });
    expect(classifyMcpFailure("s", new McpError(ErrorCode.RequestTimeout, "Request timed out"))).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
    expect(classifyMcpFailure("s", new Error("ECONNREFUSED"))).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
  });
});

describe("MCP pool and health sweeps", () => {
  it("opens a new connection when a server's definition changes", async () => {
    const server = await startWsMcpServer("one");
    const caller = createMcpToolCaller();
    try {
      const first = { ...base, transport: "websocket" as const, url: server.url };
      await caller.callTool(first, "echo", { text: "a" }, { tenantId: "t1" });
      await caller.callTool(first, "echo", { text: "b" }, { tenantId: "t1" });
      await caller.callTool({ ...first, headers: { authorization: "Bearer rotated" } }, "echo", { text: "c" }, { tenantId: "t1" });
      expect(caller.pool.opened).toBe(2);
      expect(caller.pool.size).toBe(1);
      expect(server.authorizations).toEqual([undefined, "Bearer rotated"]);
    } finally {
      await caller.close();
      await server.close();
    }
  });

  it("reports each server's health on every sweep until stopped", async () => {
    const live = await startWsMcpServer("live");
    const gone = await startWsMcpServer("gone");
    const goneUrl = gone.url;
    await gone.close();
    const caller = createMcpToolCaller();
    const reports: McpHealth[] = [];
    let sweeps: { stop(): void } | undefined;
    try {
      const servers = [
        { id: "live", tenantId: "t1", transport: "websocket" as const, url: live.url },
        { id: "gone", tenantId: "t1", transport: "websocket" as const, url: goneUrl },
      ];
      await new Promise<void>((resolve) => {
        sweeps = startMcpHealthChecks(caller.pool, () => servers, (health) => {
          reports.push(health);
          if (reports.length === 4) resolve();
        }, { intervalMs: 10, timeoutMs: 2_000 });
      });
      sweeps?.stop();
      expect(reports.map((r) => [r.serverId, r.healthy])).toEqual([["live", true], ["gone", false], ["live", true], ["gone", false]]);
      expect(live.connections()).toBe(1); // the sweep reuses the pooled connection
    } finally {
      sweeps?.stop();
      await caller.close();
      await live.close();
    }
  });
});
