import { connectionKeyOf, type McpServerDefinition } from "./mcp-server-definition";

const server: McpServerDefinition = { id: "tools", tenantId: "acme", transport: "http", url: "http://mcp.test/mcp", headers: { Authorization: "Bearer one", "X-Team": "a" } };

describe("connection keys", () => {
  it("are the same for the same definition, whatever the key order", () => {
    const reordered: McpServerDefinition = { headers: { "X-Team": "a", Authorization: "Bearer one" }, url: server.url, transport: "http", tenantId: "acme", id: "tools" };
    expect(connectionKeyOf(reordered)).toEqual(connectionKeyOf(server));
  });

  it("change the fingerprint when a header value changes (a rotated token gets a new connection)", () => {
    const rotated = { ...server, headers: { ...server.headers, Authorization: "Bearer two" } };
    expect(connectionKeyOf(rotated).slot).toBe(connectionKeyOf(server).slot);
    expect(connectionKeyOf(rotated).fingerprint).not.toBe(connectionKeyOf(server).fingerprint);
  });

  it("give each tenant its own slot for the same server id", () => {
    expect(connectionKeyOf({ ...server, tenantId: "other" }).slot).not.toBe(connectionKeyOf(server).slot);
  });
});
