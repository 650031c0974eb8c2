import { testIdentity } from "@aiwf/platform/testkit";
import { startApp, type AppFixture } from "./app-fixture";
import { startHttpMcpServer } from "./mcp/fixtures/http-server";
import { activeWorkflow, isStatus, startRun, waitForRun } from "./run-helpers";

const REGISTER = `mutation ($input: RegisterMcpServerInput!) {
  registerMcpServer(input: $input) { id transport url command args headers { name maskedValue } env { name maskedValue } createdAt updatedAt }
}`;
const REMOVE = `mutation ($id: ID!) { removeMcpServer(id: $id) }`;
const LIST = `{ mcpServers { id transport url headers { name maskedValue } } }`;

let app: AppFixture;
let mcp: Awaited<ReturnType<typeof startHttpMcpServer>>;

beforeAll(async () => {
  mcp = await startHttpMcpServer("registry-test");
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  await mcp?.close();
});

const admin = () => testIdentity({ roles: ["admin"] });
const httpServer = (id: string, url = mcp.url) => ({ id, transport: "HTTP", url, headers: [{ name: "Authorization", value: "Bearer s3cret-token" }] });

async function register(who: ReturnType<typeof testIdentity>, input: Record<string, unknown>) {
  return app.call(REGISTER, { input }, who);
}

/** One node after a trivial entry: the step under test sees the run's input. */
const single = (node: { id: string; type: string; config: unknown; retry?: unknown }) => ({
  nodes: [{ id: "start", type: "transform", config: { expression: "input" } }, node],
  edges: [{ from: "start", to: node.id }],
});

describe("the tenant's MCP server registry", () => {
  it("registers a server for admins and never returns its header values", async () => {
    const who = admin();
    const { data, errors } = await register(who, httpServer("tools"));
    expect(errors).toBeUndefined();
    expect(data.registerMcpServer).toMatchObject({ id: "tools", transport: "HTTP", url: mcp.url, command: null, args: [], headers: [{ name: "Authorization", maskedValue: "********" }] });
    const listed = await app.call(LIST, {}, { ...who, roles: ["editor"] });
    expect(listed.data.mcpServers).toEqual([{ id: "tools", transport: "HTTP", url: mcp.url, headers: [{ name: "Authorization", maskedValue: "********" }] }]);
    expect(JSON.stringify(listed)).not.toContain("s3cret");
    // Another tenant sees none of it.
    expect((await app.call(LIST, {}, admin())).data.mcpServers).toEqual([]);
  });

  it("refuses non-admins, bad ids, missing transport fields and stdio (not allowed here) naming the field", async () => {
    const editor = testIdentity({ roles: ["editor"] });
    expect((await register(editor, httpServer("tools"))).errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await app.call(REMOVE, { id: "tools" }, editor)).errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    const who = admin();
    expect((await register(who, httpServer("Bad Id"))).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    expect((await register(who, { id: "t", transport: "HTTP" })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect((await register(who, { id: "t", transport: "WEBSOCKET", url: "http://x.test" })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect((await register(who, { id: "t", transport: "STDIO", command: "node" })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.transport" });
    expect((await register(who, { ...httpServer("t"), headers: [{ name: "bad header", value: "x" }] })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.headers" });
    expect((await app.call(LIST, {}, who)).data.mcpServers).toEqual([]); // nothing half-written
  });

  it("removes a server: true once, then false", async () => {
    const who = admin();
    await register(who, httpServer("gone"));
    expect((await app.call(REMOVE, { id: "gone" }, who)).data.removeMcpServer).toBe(true);
    expect((await app.call(REMOVE, { id: "gone" }, who)).data.removeMcpServer).toBe(false);
  });
});

describe("mcpTool steps", () => {
  it("call the tool on the tenant's registered server with arguments from the run state", async () => {
    const who = admin();
    await register(who, httpServer("tools"));
    const workflowId = await activeWorkflow(app, who, single({ id: "ask", type: "mcpTool", config: { server: "tools", tool: "echo", arguments: "{ 'text': 'hi ' & input.name }" } }));
    const run = await waitForRun(app, who, (await startRun(app, who, workflowId, { name: "Ada" })).id, isStatus("SUCCEEDED", "FAILED"));
    expect(run.status).toBe("SUCCEEDED");
    const step = run.steps.find((candidate: any) => candidate.nodeId === "ask");
    expect(step.input).toEqual({ server: "tools", tool: "echo", arguments: { text: "hi Ada" } });
    expect(step.output).toMatchObject({ text: "hi Ada", structuredContent: { text: "hi Ada", instance: "registry-test" } });
    expect(mcp.seenHeaders.some((headers) => headers.authorization === "Bearer s3cret-token")).toBe(true);
  });

  it.each([
    ["an unknown tool", { server: "tools", tool: "nope" }, "MCP_UNKNOWN_TOOL"],
    ["a tool that reports an error", { server: "tools", tool: "divide", arguments: "{ 'a': 1, 'b': 0 }" }, "MCP_TOOL_ERROR"],
    ["a server the tenant never registered", { server: "elsewhere", tool: "echo" }, "MCP_SERVER_NOT_FOUND"],
  ])("fail at once, not retryably, on %s", async (_case, config, code) => {
    const who = admin();
    await register(who, httpServer("tools"));
    const workflowId = await activeWorkflow(app, who, single({ id: "ask", type: "mcpTool", config, retry: { maxAttempts: 3, initialDelayMs: 0 } }));
    const run = await waitForRun(app, who, (await startRun(app, who, workflowId, {})).id, isStatus("SUCCEEDED", "FAILED"));
    expect(run.status).toBe("FAILED");
    const step = run.steps.find((candidate: any) => candidate.nodeId === "ask");
    expect(step).toMatchObject({ status: "FAILED", attempt: 1, error: { code, retryable: false } });
  });

  it("retry when the server cannot be reached", async () => {
    const who = admin();
    const down = await startHttpMcpServer("short-lived");
    await down.close();
    await register(who, httpServer("down", down.url));
    const workflowId = await activeWorkflow(app, who, single({ id: "ask", type: "mcpTool", config: { server: "down", tool: "echo", arguments: "{ 'text': 'x' }" }, retry: { maxAttempts: 2, initialDelayMs: 0 } }));
    const run = await waitForRun(app, who, (await startRun(app, who, workflowId, {})).id, isStatus("SUCCEEDED", "FAILED"));
    expect(run.status).toBe("FAILED");
    const step = run.steps.find((candidate: any) => candidate.nodeId === "ask");
    expect(step).toMatchObject({ status: "FAILED", attempt: 2, error: { code: "MCP_UNAVAILABLE", retryable: true } });
  });
});

describe("steps that act through the gateway", () => {
  it("fail at once, saying so, when the service has no GATEWAY_URL", async () => {
    const who = admin();
    const workflowId = await activeWorkflow(app, who, single({ id: "ingest", type: "contentIngest", config: { title: "T", content: "{{ input.text }}" } }));
    const run = await waitForRun(app, who, (await startRun(app, who, workflowId, { text: "hello" })).id, isStatus("SUCCEEDED", "FAILED"));
    const step = run.steps.find((candidate: any) => candidate.nodeId === "ingest");
    expect(step).toMatchObject({ status: "FAILED", attempt: 1, input: { title: "T", content: "hello", format: null }, error: { code: "GATEWAY_NOT_CONFIGURED", retryable: false } });
    expect(step.error.message).toMatch(/GATEWAY_URL/);
  });
});
