import type { McpServerDefinition, McpTransportKind } from "../mcp/mcp-server-definition";
import type { McpServerRegistry, RegisteredMcpServer } from "../mcp/mcp-server-registry";
import type { PrismaClient } from "./prisma-client";

type Row = Awaited<ReturnType<PrismaClient["mcpServer"]["findUniqueOrThrow"]>>;

const stringMap = (value: unknown): Record<string, string> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {});

function toServer(row: Row): RegisteredMcpServer {
  return {
    id: row.id,
    tenantId: row.tenantId,
    transport: row.transport as McpTransportKind,
    ...(row.command !== null ? { command: row.command, args: Array.isArray(row.args) ? row.args.map(String) : [], env: stringMap(row.env) } : {}),
    ...(row.url !== null ? { url: row.url, headers: stringMap(row.headers) } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Tenants' MCP servers in the workflow database (`mcp_servers`). */
export class PrismaMcpServerRegistry implements McpServerRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  async list(tenantId: string): Promise<RegisteredMcpServer[]> {
    const rows = await this.prisma.mcpServer.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
    return rows.map(toServer);
  }

  async get(tenantId: string, id: string): Promise<RegisteredMcpServer | null> {
    const row = await this.prisma.mcpServer.findUnique({ where: { tenantId_id: { tenantId, id } } });
    return row ? toServer(row) : null;
  }

  async save(server: McpServerDefinition, now: Date): Promise<RegisteredMcpServer> {
    const fields = {
      transport: server.transport,
      command: server.command ?? null,
      args: server.args ?? [],
      env: server.env ?? {},
      url: server.url ?? null,
      headers: server.headers ?? {},
      updatedAt: now,
    };
    const row = await this.prisma.mcpServer.upsert({
      where: { tenantId_id: { tenantId: server.tenantId, id: server.id } },
      create: { tenantId: server.tenantId, id: server.id, ...fields, createdAt: now },
      update: fields,
    });
    return toServer(row);
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.mcpServer.deleteMany({ where: { tenantId, id } });
    return count > 0;
  }
}
