import type { McpServerDefinition } from "./mcp-server-definition";

/** A tenant's registered MCP server, as stored. */
export interface RegisteredMcpServer extends McpServerDefinition {
  createdAt: Date;
  updatedAt: Date;
}

/** Where tenants' MCP server definitions live; every call is scoped by tenant. */
export interface McpServerRegistry {
  list(tenantId: string): Promise<RegisteredMcpServer[]>;
  get(tenantId: string, id: string): Promise<RegisteredMcpServer | null>;
  /** Inserts, or replaces the definition of the same id (keeping its createdAt). */
  save(server: McpServerDefinition, now: Date): Promise<RegisteredMcpServer>;
  /** False when the tenant had no server of that id. */
  remove(tenantId: string, id: string): Promise<boolean>;
}
