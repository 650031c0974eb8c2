import type { McpConnectionPool } from "./mcp-connection-pool";
import type { McpServerDefinition } from "./mcp-server-definition";

export interface McpHealth {
  serverId: string;
  tenantId: string;
  healthy: boolean;
  /** Why the server is unhealthy: the connect or ping failure. */
  error?: string;
}

export interface McpHealthCheckOptions {
  /** A ping slower than this counts as a failure. */
  timeoutMs?: number;
}

/**
 * Pings a server through its pooled connection (connecting if needed). An unhealthy
 * server's connection is evicted, so the next call reconnects instead of failing on a
 * dead socket. Never throws: a health check reports.
 */
export async function checkMcpHealth(pool: McpConnectionPool, server: McpServerDefinition, options: McpHealthCheckOptions = {}): Promise<McpHealth> {
  const identity = { serverId: server.id, tenantId: server.tenantId };
  try {
    const client = await pool.acquire(server);
    await client.ping({ timeout: options.timeoutMs ?? 5_000 });
    return { ...identity, healthy: true };
  } catch (error) {
    await pool.evict(server);
    const reason = error instanceof Error ? ((error as { details?: { upstream?: string } }).details?.upstream ?? error.message) : String(error);
    return { ...identity, healthy: false, error: reason };
  }
}

/**
 * Checks the given servers every `intervalMs` and reports each result; `stop()` ends it.
 * The timer is unref'd: health checks never keep a stopping process alive.
 */
export function startMcpHealthChecks(
  pool: McpConnectionPool,
  servers: () => McpServerDefinition[],
  report: (health: McpHealth) => void,
  options: McpHealthCheckOptions & { intervalMs: number },
): { stop(): void } {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow sweep must not pile up behind itself
    running = true;
    try {
      for (const server of servers()) report(await checkMcpHealth(pool, server, options));
    } finally {
      running = false;
    }
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
