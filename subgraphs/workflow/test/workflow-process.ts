import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";

const root = path.resolve(__dirname, "../../..");

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The workflow service as its own process (src/main.ts), the way `npm run start:workflow` runs it. */
export async function startWorkflowProcess(env: Record<string, string>, port: number): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  let output = "";
  const child = spawn(process.execPath, ["-r", "./scripts/register.js", "subgraphs/workflow/src/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 25_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workflow process exited: ${output}`);
    const ready = await fetch(`${base}/health/ready`).then((response) => response.ok, () => false);
    if (ready) return { child, url: `${base}/graphql`, output: () => output };
    if (Date.now() > deadline) throw new Error(`workflow process not ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
