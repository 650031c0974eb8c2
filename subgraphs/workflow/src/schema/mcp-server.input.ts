import { Field, ID, InputType } from "type-graphql";
import type { McpTransportKind } from "../mcp/mcp-server-definition";
import { McpTransport } from "./mcp-server.type";

@InputType({ description: "A header or environment variable of an MCP server; stored, never returned." })
export class McpSecretInput {
  @Field(() => String, { description: "The header or variable name." })
  name!: string;

  @Field(() => String, { description: "Its value (a token, for instance)." })
  value!: string;
}

@InputType({ description: "An MCP server to register, or to replace when your tenant has one of that id. The fields a transport needs are checked, naming the missing one." })
export class RegisterMcpServerInput {
  @Field(() => ID, { description: "1-63 lower-case letters, digits or -, starting with a letter; what `mcpTool` nodes name in `config.server`." })
  id!: string;

  @Field(() => McpTransport, { description: "How it is reached." })
  transport!: McpTransportKind;

  @Field(() => String, { nullable: true, description: "stdio: the command to run." })
  command?: string | null;

  @Field(() => [String], { nullable: true, description: "stdio: the command's arguments." })
  args?: string[] | null;

  @Field(() => [McpSecretInput], { nullable: true, description: "stdio: environment variables of the process." })
  env?: McpSecretInput[] | null;

  @Field(() => String, { nullable: true, description: "http: an http(s) URL; websocket: a ws(s) URL." })
  url?: string | null;

  @Field(() => [McpSecretInput], { nullable: true, description: "http and websocket: headers sent with every request (credentials, typically)." })
  headers?: McpSecretInput[] | null;
}
