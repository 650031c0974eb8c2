import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { DomainError } from "@aiwf/platform";
import { connectionKeyOf, type McpServerDefinition } from "./mcp-server-definition";
import { type EgressPolicy, egressRefusalOf } from "../egress/egress";
import { createMcpTransport } from "./mcp-transport";

export interface McpConnectionPoolOptions {
  /** How we introduce ourselves in the MCP handshake. */
  clientInfo?: { name: string; version: string };
  /** Handshake deadline; a server that hangs at start must not hold a step forever. */
  connectTimeoutMs?: number;
  /** Where http and websocket servers may be (default: anywhere). */
  egress?: EgressPolicy;
}

interface PooledConnection {
  fingerprint: string;
  client: Promise<Client>;
  /** The client once connected; compared by evict(server, failed). */
  settled?: Client;
  close(): Promise<void>;
}

/**
 * One live MCP connection per server definition, shared by every call to it: an MCP
 * session is costly to open (a process to spawn, a handshake) and servers keep per-session
 * state. A connection that closes (the process died, the socket dropped) leaves the pool
 * at once, so the next call opens a new one; callers evict connections that fail mid-call.
 */
export class McpConnectionPool {
  private readonly connections = new Map<string, PooledConnection>();
  /** Connections opened since the pool was made; lets tests and metrics see reuse. */
  opened = 0;

  constructor(private readonly options: McpConnectionPoolOptions = {}) {}

  get size(): number {
    return this.connections.size;
  }

  /** The pooled client for this definition, connecting once even under concurrent calls. */
  acquire(server: McpServerDefinition): Promise<Client> {
    const { slot, fingerprint } = connectionKeyOf(server);
    const existing = this.connections.get(slot);
    if (existing?.fingerprint === fingerprint) return existing.client;
    if (existing) void this.evict(server); // the definition changed: drop the stale connection
    const connection = this.connect(slot, fingerprint, server);
    this.connections.set(slot, connection);
    return connection.client;
  }

  /**
   * Closes and forgets the server's pooled connection. With `failed`, only if that client
   * is still the pooled one: concurrent calls that failed on the same dead connection
   * must not evict the fresh connection the first of them already opened.
   */
  async evict(server: McpServerDefinition, failed?: Client): Promise<void> {
    const { slot } = connectionKeyOf(server);
    const connection = this.connections.get(slot);
    if (!connection || (failed && connection.settled !== failed)) return;
    this.connections.delete(slot);
    await connection.close();
  }

  /** The definitions' slots with a live or pending connection (for health sweeps). */
  slots(): string[] {
    return [...this.connections.keys()];
  }

  async closeAll(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((connection) => connection.close()));
  }

  private connect(slot: string, fingerprint: string, server: McpServerDefinition): PooledConnection {
    this.opened += 1;
    const { transport, stderr } = createMcpTransport(server, this.options.egress);
    const client = new Client(this.options.clientInfo ?? { name: "aiwf-workflow", version: "0.1.0" });
    let closing = false;
    const forget = () => {
      if (this.connections.get(slot) === connection) this.connections.delete(slot);
    };
    const close = async () => {
      if (closing) return;
      closing = true;
      forget();
      await client.close().catch(() => undefined);
    };
    const connected = client
      .connect(transport, { timeout: this.options.connectTimeoutMs ?? 10_000 })
      .then(() => {
        // Set after connect: the Client installs its own onclose, which it chains to ours.
        client.onclose = forget;
        connection.settled = client;
        return client;
      })
      .catch(async (error: unknown) => {
        forget();
        await client.close().catch(() => undefined);
        const refused = egressRefusalOf(error);
        if (refused) throw new DomainError("FORBIDDEN", `MCP server ${server.id}: ${refused.message}`, { serverId: server.id, retryable: false, reason: "EGRESS_BLOCKED" });
        const detail = stderr?.text().trim();
        throw new DomainError("UPSTREAM_UNAVAILABLE", `MCP server ${server.id} could not be reached`, {
          serverId: server.id,
          retryable: true,
          upstream: `${error instanceof Error ? error.message : String(error)}${detail ? ` (stderr: ${detail})` : ""}`,
        });
      });
    const connection: PooledConnection = { fingerprint, client: connected, close };
    return connection;
  }
}
