import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { TEST_INTERNAL_SECRET } from "./call-subgraph";

const root = path.resolve(__dirname, "../../../..");

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** The service's GraphQL endpoint. */
  url: string;
  /** Everything the process wrote so far (for failure messages). */
  output: () => string;
}

/**
 * A service as its own process (`<folder>/src/main.ts`, as `npm run start:<service>` runs
 * it), ready once /health/ready answers: crash and kill tests need a process to kill.
 */
export async function startServiceProcess(folder: string, env: Record<string, string>, port: number): Promise<ServiceProcess> {
  let output = "";
  const child = spawn(process.execPath, ["-r", "./scripts/register.js", `${folder}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 25_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${folder} exited before it was ready: ${output}`);
    const ready = await fetch(`${base}/health/ready`).then((response) => response.ok, () => false);
    if (ready) return { child, url: `${base}/graphql`, output: () => output };
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${folder} not ready within 25 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `signal` and resolves once the process is gone (at once if it already is). */
export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
