import { badInput, forbidden, hasRole, notFound, type Identity } from "@aiwf/platform";
import { MCP_SERVER_ID } from "../domain/definition/node-config";
import type { McpConnectionPool } from "./mcp-connection-pool";
import { validateMcpServerDefinition, type McpServerDefinition } from "./mcp-server-definition";
import type { McpServerRegistry, RegisteredMcpServer } from "./mcp-server-registry";

export interface McpServerServiceDeps {
  registry: McpServerRegistry;
  /** Connections of a removed or replaced server are closed at once. */
  pool?: McpConnectionPool;
  /**
   * stdio servers are processes spawned on the workflow host: letting tenant admins name
   * any command is remote code execution, so the operator must opt in (MCP_ALLOW_STDIO).
   */
  allowStdio: boolean;
  now?: () => Date;
}

export type RegisterMcpServerInput = Omit<McpServerDefinition, "tenantId">;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;

/** Tenants' MCP servers: registered and removed by admins, read by anyone in the tenant (secrets masked by the schema). */
export class McpServerService {
  constructor(private readonly deps: McpServerServiceDeps) {}

  list(identity: Identity): Promise<RegisteredMcpServer[]> {
    return this.deps.registry.list(identity.tenantId);
  }

  async register(identity: Identity, input: RegisterMcpServerInput): Promise<RegisteredMcpServer> {
    if (!hasRole(identity, "admin")) throw forbidden("Registering MCP servers needs the admin role");
    if (!MCP_SERVER_ID.test(input.id ?? "")) throw badInput("input.id", "An MCP server id is 1-63 lower-case letters, digits or -, starting with a letter");
    if (input.transport === "stdio" && !this.deps.allowStdio) {
      throw badInput("input.transport", "stdio MCP servers are disabled on this deployment (the operator sets MCP_ALLOW_STDIO to allow them); use http or websocket");
    }
    const server = definitionOf(identity.tenantId, input);
    validateMcpServerDefinition(server, "input");
    const saved = await this.deps.registry.save(server, (this.deps.now ?? (() => new Date()))());
    await this.deps.pool?.evict(saved); // a changed definition gets a fresh connection on the next call
    return saved;
  }

  async remove(identity: Identity, id: string): Promise<boolean> {
    if (!hasRole(identity, "admin")) throw forbidden("Removing MCP servers needs the admin role");
    const existing = await this.deps.registry.get(identity.tenantId, id);
    if (!existing) return false;
    await this.deps.pool?.evict(existing);
    return this.deps.registry.remove(identity.tenantId, id);
  }

  /** The server an `mcpTool` step calls; NOT_FOUND when the tenant has none of that id. */
  async resolve(tenantId: string, id: string): Promise<McpServerDefinition> {
    const server = await this.deps.registry.get(tenantId, id);
    if (!server) throw notFound("MCP server", id);
    if (server.transport === "stdio" && !this.deps.allowStdio) throw forbidden(`MCP server ${id} uses stdio, which this deployment does not allow`);
    return server;
  }
}

/** Only the fields the transport uses are kept, so a switch from stdio to http drops the old command. */
function definitionOf(tenantId: string, input: RegisterMcpServerInput): McpServerDefinition {
  checkNames(input.headers, HEADER_NAME, "input.headers", "an HTTP header name");
  checkNames(input.env, ENV_NAME, "input.env", "an environment variable name");
  const base = { id: input.id, tenantId, transport: input.transport };
  if (input.transport === "stdio") return { ...base, command: input.command?.trim(), args: input.args ?? [], env: input.env ?? {} };
  return { ...base, url: input.url, headers: input.headers ?? {} };
}

function checkNames(values: Record<string, string> | undefined, pattern: RegExp, field: string, what: string): void {
  for (const name of Object.keys(values ?? {})) {
    if (!pattern.test(name)) throw badInput(field, `"${name}" is not ${what}`);
  }
}
