import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type EgressPolicy, egressFetch } from "../egress/egress";
import type { McpServerDefinition } from "./mcp-server-definition";
import { WsClientTransport } from "./ws-client-transport";

/** The last bytes a stdio server wrote to stderr: what explains a crash at start. */
export interface StderrTail {
  text(): string;
}

const STDERR_TAIL_CHARS = 2_000;

const ANYWHERE: EgressPolicy = { privateNetworks: "allow" };

/** Builds the SDK transport a definition asks for (validated before); network transports connect only where `egress` allows. */
export function createMcpTransport(server: McpServerDefinition, egress: EgressPolicy = ANYWHERE): { transport: Transport; stderr?: StderrTail } {
  switch (server.transport) {
    case "stdio": {
      // stderr is piped, not inherited: a chatty server must not write into our logs' stream.
      const transport = new StdioClientTransport({ command: server.command!, args: server.args ?? [], env: server.env, stderr: "pipe" });
      let tail = "";
      transport.stderr?.on("data", (chunk: Buffer) => {
        tail = (tail + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
      });
      return { transport, stderr: { text: () => tail } };
    }
    case "http":
      return { transport: new StreamableHTTPClientTransport(new URL(server.url!), { requestInit: { headers: server.headers ?? {} }, fetch: egressFetch(egress) }) };
    case "websocket":
      return { transport: new WsClientTransport(server.url!, server.headers, egress) };
  }
}
