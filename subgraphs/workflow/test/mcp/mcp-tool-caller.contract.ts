import { checkMcpHealth } from "../../src/mcp/mcp-health";
import type { McpServerDefinition } from "../../src/mcp/mcp-server-definition";
import { createMcpToolCaller } from "../../src/mcp/mcp-tool-caller";

/** How the contract drives one transport's test server. */
export interface McpServerHarness {
  /** Starts the server; the definition that reaches it. */
  start(): Promise<McpServerDefinition>;
  /** Replaces the running server (the instance that last answered) with a new one at the same address. */
  restart(instance: string): Promise<void>;
  /** Makes the server unreachable; the definition a health check should find dead. */
  kill(): Promise<McpServerDefinition>;
  /** Sessions the server side saw opened, where it can count them. */
  sessions?(): number;
  stop(): Promise<void>;
}

const TENANT = "tenant-mcp";
const call = { tenantId: TENANT };
const instanceOf = (result: { structuredContent?: Record<string, unknown> }) => result.structuredContent?.instance;

/** One suite, run against stdio, streamable HTTP and WebSocket servers. */
export function mcpToolCallerContract(transport: string, harness: () => McpServerHarness) {
  describe(`MCP tool caller over ${transport}`, () => {
    let server: McpServerHarness;
    let definition: McpServerDefinition;
    let caller: ReturnType<typeof createMcpToolCaller>;

    beforeEach(async () => {
      server = harness();
      definition = await server.start();
      caller = createMcpToolCaller({ retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 }, requestTimeoutMs: 10_000 });
    });
    afterEach(async () => {
      await caller.close();
      await server.stop();
    });

    it("lists the server's tools and calls one", async () => {
      const tools = await caller.listTools(definition, call);
      expect(tools.map((tool) => tool.name).sort()).toEqual(["divide", "echo"]);
      expect(tools.find((tool) => tool.name === "divide")?.inputSchema).toMatchObject({ type: "object", properties: { a: { type: "number" } } });
      const result = await caller.callTool(definition, "echo", { text: "hello" }, call);
      expect(result).toMatchObject({ isError: false, content: [{ type: "text", text: "hello" }] });
    });

    it("returns a tool's own failure as isError, without retrying", async () => {
      await expect(caller.callTool(definition, "divide", { a: 1, b: 0 }, call)).resolves.toEqual({ isError: true, content: [{ type: "text", text: "division by zero" }] });
      await expect(caller.callTool(definition, "divide", { a: 6, b: 3 }, call)).resolves.toMatchObject({ isError: false, content: [{ type: "text", text: "2" }] });
      expect(caller.pool.opened).toBe(1);
    });

    it("returns an unknown tool and ill-typed arguments as tool errors, as the SDK's servers answer them", async () => {
      const unknown = await caller.callTool(definition, "nope", {}, call);
      expect(unknown).toMatchObject({ isError: true, content: [{ type: "text", text: expect.stringContaining("Tool nope not found") }] });
      const illTyped = await caller.callTool(definition, "divide", { a: "x", b: 1 }, call);
      expect(illTyped).toMatchObject({ isError: true, content: [{ type: "text", text: expect.stringContaining("Input validation error") }] });
      expect(caller.pool.opened).toBe(1);
    });

    it("shares one pooled connection between many calls, concurrent ones included", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => caller.callTool(definition, "echo", { text: `n${i}` }, call)));
      expect(new Set(results.map(instanceOf)).size).toBe(1);
      expect(caller.pool.opened).toBe(1);
      expect(caller.pool.size).toBe(1);
      if (server.sessions) expect(server.sessions()).toBe(1);
    });

    it("reconnects once for many concurrent calls that hit a restarted server", async () => {
      await caller.callTool(definition, "echo", { text: "warm" }, call);
      await server.restart(String(instanceOf(await caller.callTool(definition, "echo", { text: "who" }, call))));
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => caller.callTool(definition, "echo", { text: `c${i}` }, call)));
      expect(results.map((result) => result.isError)).toEqual(Array(8).fill(false));
      expect(new Set(results.map(instanceOf)).size).toBe(1);
      expect(caller.pool.size).toBe(1);
    });

    it("reconnects after the server restarts", async () => {
      const before = String(instanceOf(await caller.callTool(definition, "echo", { text: "a" }, call)));
      await server.restart(before);
      const after = await caller.callTool(definition, "echo", { text: "b" }, call);
      expect(after.content).toEqual([{ type: "text", text: "b" }]);
      expect(instanceOf(after)).not.toBe(before);
      // At least one new connection; a stale keep-alive socket may cost one more attempt.
      expect(caller.pool.opened).toBeGreaterThanOrEqual(2);
      expect(caller.pool.size).toBe(1);
    });

    it("health check reports a live server healthy and a dead one unhealthy", async () => {
      await expect(checkMcpHealth(caller.pool, definition)).resolves.toEqual({ serverId: definition.id, tenantId: TENANT, healthy: true });
      const dead = await server.kill();
      const health = await checkMcpHealth(caller.pool, dead, { timeoutMs: 2_000 });
      expect(health).toMatchObject({ serverId: definition.id, healthy: false, error: expect.any(String) });
      expect(caller.pool.size).toBe(0);
    });

    it("gives up with UPSTREAM_UNAVAILABLE after bounded retries when the server stays down", async () => {
      const dead = await server.kill();
      const waits: number[] = [];
      const patient = createMcpToolCaller({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, random: () => 1, sleep: async (ms) => void waits.push(ms) });
      try {
        await expect(patient.callTool(dead, "echo", { text: "x" }, call)).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", details: { retryable: true } });
        expect(waits).toEqual([10, 20]);
        expect(patient.pool.opened).toBe(3);
      } finally {
        await patient.close();
      }
    });
  });
}

export { TENANT as MCP_TEST_TENANT };
