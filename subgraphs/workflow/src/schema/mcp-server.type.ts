import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";
import type { McpTransportKind } from "../mcp/mcp-server-definition";
import type { RegisteredMcpServer } from "../mcp/mcp-server-registry";

/** GraphQL enum names for the domain's transport kinds. */
export const McpTransport = { STDIO: "stdio", HTTP: "http", WEBSOCKET: "websocket" } as const satisfies Record<string, McpTransportKind>;

registerEnumType(McpTransport, {
  name: "McpTransport",
  description: "How the workflow service reaches an MCP server.",
  valuesConfig: {
    STDIO: { description: "A process the workflow service spawns, speaking MCP on stdin/stdout (only where the operator allows it)." },
    HTTP: { description: "Streamable HTTP at `url`." },
    WEBSOCKET: { description: "A WebSocket at `url` (subprotocol `mcp`)." },
  },
});

/** What stays hidden: credentials live in header and environment values. */
export const SECRET_MASK = "********";

@ObjectType({ description: "A header or environment variable of an MCP server. Its value is a secret and never returned." })
export class MaskedSecret {
  @Field(() => String, { description: "The header or variable name." })
  name!: string;

  @Field(() => String, { description: "Always `********`: the value is stored but not readable through the API." })
  maskedValue!: string;
}

@ObjectType({ description: "An MCP server your tenant registered; `mcpTool` workflow nodes call its tools by `id`." })
export class McpServer {
  @Field(() => ID, { description: "The id workflow nodes name in `config.server`." })
  id!: string;

  @Field(() => McpTransport, { description: "How it is reached." })
  transport!: McpTransportKind;

  @Field(() => String, { nullable: true, description: "The command of a stdio server; null for the others." })
  command!: string | null;

  @Field(() => [String], { description: "The arguments of a stdio server's command; empty for the others." })
  args!: string[];

  @Field(() => [MaskedSecret], { description: "The environment of a stdio server's process, values masked." })
  env!: MaskedSecret[];

  @Field(() => String, { nullable: true, description: "The URL of an http or websocket server; null for stdio." })
  url!: string | null;

  @Field(() => [MaskedSecret], { description: "Headers sent to an http or websocket server (credentials, typically), values masked." })
  headers!: MaskedSecret[];

  @Field(() => GraphQLISODateTime, { description: "When the server was first registered." })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "When its definition last changed." })
  updatedAt!: Date;
}

const masked = (values: Record<string, string> | undefined): MaskedSecret[] =>
  Object.keys(values ?? {})
    .sort()
    .map((name) => ({ name, maskedValue: SECRET_MASK }));

/** The only way a registered server leaves the service: secrets replaced by the mask. */
export function toMcpServer(server: RegisteredMcpServer): McpServer {
  return {
    id: server.id,
    transport: server.transport,
    command: server.command ?? null,
    args: server.args ?? [],
    env: masked(server.env),
    url: server.url ?? null,
    headers: masked(server.headers),
    createdAt: server.createdAt,
    updatedAt: server.updatedAt,
  };
}
