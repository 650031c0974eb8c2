import { forbidden } from "@aiwf/platform";
import { DEFAULT_RETRY_POLICY, withRetry, type RetryOptions, type RetryPolicy } from "../ai/retry";
import { McpConnectionPool, type McpConnectionPoolOptions } from "./mcp-connection-pool";
import { classifyMcpFailure } from "./mcp-errors";
import { validateMcpServerDefinition, type McpServerDefinition } from "./mcp-server-definition";

export interface McpToolResult {
  /** The tool's content blocks as the server sent them (text, image, resource...). */
  content: unknown;
  /** The tool ran and reported a failure: a result for the workflow, not a transport error. */
  isError: boolean;
  /** The tool's typed output, when it declares an output schema. */
  structuredContent?: Record<string, unknown>;
}

export interface McpToolInfo {
  name: string;
  description?: string;
  inputSchema: unknown;
}

export interface McpCallOptions {
  signal?: AbortSignal;
  /** The caller's tenant; a server registered by another tenant is refused. */
  tenantId: string;
}

export interface McpToolCaller {
  callTool(server: McpServerDefinition, tool: string, args: Record<string, unknown>, options?: McpCallOptions): Promise<McpToolResult>;
  listTools(server: McpServerDefinition, options?: McpCallOptions): Promise<McpToolInfo[]>;
  close(): Promise<void>;
}

export interface McpToolCallerOptions extends McpConnectionPoolOptions {
  retry?: Partial<RetryPolicy>;
  /** Deadline of one request (a tool call, a listing), per attempt. */
  requestTimeoutMs?: number;
  sleep?: RetryOptions["sleep"];
  random?: RetryOptions["random"];
  /** The pool to share with health checks; one is made when absent. */
  pool?: McpConnectionPool;
}

/**
 * Calls MCP tools through pooled connections. A failure to reach the server evicts its
 * connection and retries on a fresh one with exponential backoff, so a restarted server
 * is picked up without anyone noticing. Note the consequence: a tool whose server died
 * mid-call may run twice. Tools with side effects should be idempotent, as activities
 * are in any durable workflow engine.
 */
export function createMcpToolCaller(options: McpToolCallerOptions = {}): McpToolCaller & { pool: McpConnectionPool } {
  const pool = options.pool ?? new McpConnectionPool(options);
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeout = options.requestTimeoutMs ?? 60_000;

  async function withServer<T>(server: McpServerDefinition, call: McpCallOptions | undefined, what: { tool?: string }, run: (client: Awaited<ReturnType<McpConnectionPool["acquire"]>>) => Promise<T>) {
    validateMcpServerDefinition(server);
    if (call && call.tenantId !== server.tenantId) {
      // Defence in depth: the registry is tenant-scoped, but a definition from another
      // tenant must never be dialled, whatever bug handed it to us.
      throw forbidden(`MCP server ${server.id} belongs to another tenant`);
    }
    return withRetry(
      async () => {
        const client = await pool.acquire(server);
        try {
          return await run(client);
        } catch (error) {
          if (call?.signal?.aborted) throw call.signal.reason;
          const failure = classifyMcpFailure(server.id, error, what);
          if (failure.details.retryable) await pool.evict(server, client);
          throw failure;
        }
      },
      policy,
      { signal: call?.signal, sleep: options.sleep, random: options.random },
    );
  }

  return {
    pool,
    callTool: (server, tool, args, call) =>
      withServer(server, call, { tool }, async (client) => {
        const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: call?.signal, timeout });
        return {
          content: result.content,
          isError: result.isError === true,
          ...(result.structuredContent ? { structuredContent: result.structuredContent as Record<string, unknown> } : {}),
        };
      }),
    listTools: (server, call) =>
      withServer(server, call, {}, async (client) => {
        const { tools } = await client.listTools(undefined, { signal: call?.signal, timeout });
        return tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));
      }),
    close: () => pool.closeAll(),
  };
}
