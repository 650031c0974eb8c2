import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { McpServerService } from "../mcp/mcp-server.service";
import type { WorkflowContext } from "./context";
import { McpSecretInput, RegisterMcpServerInput } from "./mcp-server.input";
import { McpServer, toMcpServer } from "./mcp-server.type";

const toRecord = (entries: McpSecretInput[] | null | undefined) =>
  entries ? Object.fromEntries(entries.map((entry) => [entry.name, entry.value])) : undefined;

/** Thin: roles, id rules and transport checks live in McpServerService; secrets are masked by toMcpServer. */
@Resolver(() => McpServer)
export class McpServerResolver {
  constructor(private readonly servers: McpServerService) {}

  @Query(() => [McpServer], { description: "Your tenant's registered MCP servers, by id. Header and environment values are masked." })
  async mcpServers(@Ctx() ctx: WorkflowContext): Promise<McpServer[]> {
    return (await this.servers.list(ctx.identity)).map(toMcpServer);
  }

  @Mutation(() => McpServer, { description: "Registers an MCP server for your tenant's `mcpTool` nodes, or replaces the one of the same id. Needs the admin role." })
  async registerMcpServer(
    @Arg("input", () => RegisterMcpServerInput, { description: "The server to register." }) input: RegisterMcpServerInput,
    @Ctx() ctx: WorkflowContext,
  ): Promise<McpServer> {
    const server = await this.servers.register(ctx.identity, {
      id: input.id,
      transport: input.transport,
      command: input.command ?? undefined,
      args: input.args ?? undefined,
      env: toRecord(input.env),
      url: input.url ?? undefined,
      headers: toRecord(input.headers),
    });
    return toMcpServer(server);
  }

  @Mutation(() => Boolean, { description: "Removes one of your tenant's MCP servers; false when there was none of that id. Needs the admin role." })
  removeMcpServer(@Arg("id", () => ID, { description: "The server's id." }) id: string, @Ctx() ctx: WorkflowContext): Promise<boolean> {
    return this.servers.remove(ctx.identity, id);
  }
}
