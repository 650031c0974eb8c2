import { join } from "node:path";
import { MCP_TEST_TENANT, mcpToolCallerContract } from "./mcp-tool-caller.contract";

const repoRoot = join(__dirname, "../../../..");

/**
 * stdio servers are our own child processes: a restart is the process dying (SIGKILL, as
 * a crash would) and the caller spawning a new one on the next call; a dead server is one
 * whose process exits at once.
 */
mcpToolCallerContract("stdio", () => {
  const definition = {
    id: "stdio-server",
    tenantId: MCP_TEST_TENANT,
    transport: "stdio" as const,
    command: process.execPath,
    args: ["-r", join(repoRoot, "scripts/register.js"), join(__dirname, "fixtures/stdio-server.ts")],
    env: { NODE_ENV: "test" },
  };
  return {
    start: async () => definition,
    restart: async (instance) => {
      // The server names itself after its pid.
      process.kill(Number(instance.replace("pid-", "")), "SIGKILL");
    },
    kill: async () => ({ ...definition, args: ["-e", "process.exit(3)"] }),
    // The caller closing its pool ends the child processes.
    stop: async () => undefined,
  };
});
