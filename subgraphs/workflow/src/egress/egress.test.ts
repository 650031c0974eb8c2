import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createActivities } from "../executor/activities";
import { egressFetch, egressRefusalOf, isNonPublicAddress } from "./egress";
import { StepFailure } from "../executor/step-failure";
import { createLlmProviders } from "../ai/providers";
import { createMcpToolActivity } from "../executor/mcp-tool.activity";
import { McpConnectionPool } from "../mcp/mcp-connection-pool";
import type { McpServerDefinition } from "../mcp/mcp-server-definition";
import { createMcpToolCaller } from "../mcp/mcp-tool-caller";

describe("http step egress", () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];

  beforeAll(async () => {
    // A service on this host: /hop redirects to 127.0.0.1 (a literal address), everything else answers 200.
    server = createServer((request, response) => {
      requests.push(request.url!);
      if (request.url === "/hop") response.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
      else response.writeHead(200, { "content-type": "text/plain" }).end("internal");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => void requests.splice(0));

  it("tells loopback, private, link-local and other non-public addresses from public ones", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254"]) {
      expect([address, isNonPublicAddress(address)]).toEqual([address, true]);
    }
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "not-an-address"]) {
      expect([address, isNonPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it("refuses this host by address and by name, before any request is sent", async () => {
    const guarded = egressFetch({ privateNetworks: "block" });
    for (const url of [`http://127.0.0.1:${port}/a`, `http://localhost:${port}/b`, `http://[::ffff:127.0.0.1]:${port}/c`]) {
      const error = await guarded(url).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(egressRefusalOf(error)?.message).toMatch(/loopback, private or link-local address/);
    }
    expect(requests).toEqual([]);
  });

  it("lets an allowed host through, but not a redirect from it to a blocked address", async () => {
    const guarded = egressFetch({ privateNetworks: "block", allowedHosts: ["LOCALHOST"] });
    expect(await (await guarded(`http://localhost:${port}/ok`)).text()).toBe("internal");
    const error = await guarded(`http://localhost:${port}/hop`).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(egressRefusalOf(error)?.message).toMatch(/^127\.0\.0\.1 is 127\.0\.0\.1/);
    expect(requests).toEqual(["/ok", "/hop"]);
  });

  it("fails an http step on a blocked address for good (no retry), and lets it through when private networks are allowed", async () => {
    const context = { tenantId: "acme", runId: "run-1", signal: new AbortController().signal, idempotencyKey: "run-1:fetch:1" };
    const input = { method: "GET", url: `http://127.0.0.1:${port}/metadata`, headers: {}, body: null };
    const blocked = createActivities({ llm: createLlmProviders({}), egress: { privateNetworks: "block" } });
    const failure = await blocked.http(input, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure).toMatchObject({ code: "EGRESS_BLOCKED", retryable: false, message: expect.stringContaining(`GET http://127.0.0.1:${port}/metadata`) });
    expect(requests).toEqual([]);

    const allowed = createActivities({ llm: createLlmProviders({}), egress: { privateNetworks: "allow" } });
    expect(await allowed.http(input, context)).toEqual({ status: 200, body: "internal" });
  });

  it("refuses MCP servers on blocked addresses, over http and websocket, and fails the mcpTool step for good", async () => {
    const pool = new McpConnectionPool({ egress: { privateNetworks: "block" }, connectTimeoutMs: 5_000 });
    const servers: McpServerDefinition[] = [
      { id: "by-address", tenantId: "acme", transport: "http", url: `http://127.0.0.1:${port}/mcp` },
      { id: "by-name", tenantId: "acme", transport: "http", url: `http://localhost:${port}/mcp` },
      { id: "ws-by-address", tenantId: "acme", transport: "websocket", url: `ws://127.0.0.1:${port}/mcp` },
      { id: "ws-by-name", tenantId: "acme", transport: "websocket", url: `ws://localhost:${port}/mcp` },
    ];
    for (const server of servers) {
      await expect(pool.acquire(server)).rejects.toMatchObject({ code: "FORBIDDEN", details: { reason: "EGRESS_BLOCKED", retryable: false } });
    }
    expect(requests).toEqual([]);

    const mcpTool = createMcpToolActivity({ servers: { resolve: async () => servers[0]! }, caller: createMcpToolCaller({ pool, retry: { maxAttempts: 1 } }) });
    const context = { tenantId: "acme", runId: "run-2", signal: new AbortController().signal, idempotencyKey: "run-2:tool:1" };
    await expect(mcpTool({ server: "by-address", tool: "lookup", arguments: {} }, context)).rejects.toMatchObject({ code: "EGRESS_BLOCKED", retryable: false });
    await pool.closeAll();
  });
});
