import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedStack, type EmbeddedStack, type EmbeddedStackOptions } from "../../gateway/src/embedded/start-embedded-stack";

export interface TestStack extends EmbeddedStack {
  dataDir: string;
  /** Stops every server and removes the data folder. */
  close(): Promise<void>;
}

/** The whole supergraph on free ports, with a fresh data folder, as `npm start` runs it. */
export async function startTestStack(options: Partial<EmbeddedStackOptions> = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "aiwf-e2e-"));
  const stack = await startEmbeddedStack({ dataDir, useFreePorts: true, logLevel: "silent", ...options });
  return {
    ...stack,
    dataDir,
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
