import { badInput } from "@aiwf/platform";

export type McpTransportKind = "stdio" | "http" | "websocket";

/**
 * An MCP server a tenant registered: how to reach it. stdio servers are child processes
 * of the workflow service (command/args/env); http (streamable HTTP) and websocket servers
 * are reached at `url`, with `headers` for their credentials.
 */
export interface McpServerDefinition {
  id: string;
  tenantId: string;
  transport: McpTransportKind;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
}

/**
 * Checks a definition before any process is spawned or socket opened. `path` is where
 * the definition sits in the caller's input, so the error names the field the user typed.
 */
export function validateMcpServerDefinition(server: McpServerDefinition, path = "server"): void {
  if (!server.id) throw badInput(`${path}.id`, "An MCP server needs an id");
  if (!server.tenantId) throw badInput(`${path}.tenantId`, "An MCP server belongs to a tenant");
  switch (server.transport) {
    case "stdio":
      if (!server.command?.trim()) throw badInput(`${path}.command`, "A stdio MCP server needs a command to run");
      return;
    case "http":
    case "websocket": {
      const schemes = server.transport === "http" ? ["http:", "https:"] : ["ws:", "wss:"];
      let url: URL;
      try {
        url = new URL(server.url ?? "");
      } catch {
        throw badInput(`${path}.url`, `A ${server.transport} MCP server needs an absolute URL`);
      }
      if (!schemes.includes(url.protocol)) throw badInput(`${path}.url`, `A ${server.transport} MCP server URL must use ${schemes.join(" or ")}`);
      return;
    }
    default:
      throw badInput(`${path}.transport`, `Unknown MCP transport "${String(server.transport)}"; expected stdio, http or websocket`);
  }
}

/**
 * The pool key: one connection per tenant's server *as currently defined*. Editing a
 * definition (new URL, new token) changes the key, so the old connection is not reused.
 */
export function connectionKeyOf(server: McpServerDefinition): { slot: string; fingerprint: string } {
  const { id, tenantId, transport, command, args, env, url, headers } = server;
  // Only how to reach it (not, say, a registry's timestamps); keys sorted at every level, so
  // equal definitions agree and a changed header value (a rotated token) does not.
  return { slot: `${tenantId}\u0000${id}`, fingerprint: stableJson({ transport, command, args, env, url, headers }) };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
