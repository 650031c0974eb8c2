import { describe, expect, it } from "@jest/globals";
import { jobLimitsOf } from "../../src/plugins/analyzer-plugin.service";
import { DEFAULT_PLUGIN_LIMITS } from "../../src/plugins/plugin-limits";
import { PluginWorkerPool } from "../../src/plugins/plugin-worker-pool";
import { validatePluginModule } from "../../src/plugins/validate-plugin-module";
import { compileWat, returning, WAT } from "./fixtures/wat-modules";

// The pool on its own: its workers' V8 heap limits are configurable, and a worker that
// dies of them fails its job only.

async function moduleOf(source: string) {
  const validated = await validatePluginModule(await compileWat(source), 32);
  if (!validated.ok) throw new Error(validated.message);
  return validated.module;
}

const LIMITS = jobLimitsOf({ ...DEFAULT_PLUGIN_LIMITS, timeoutMs: 10_000, maxMemoryMb: 2, maxOutputBytes: 2 * 1024 * 1024 });

describe("the plugin worker pool", () => {
  it("fails a job whose worker runs out of heap with PLUGIN_MEMORY, and runs the next job in a new worker", async () => {
    // 1.6 MB of JSON: an 800,000-element array, more than an 8 MiB heap holds once parsed.
    const bigOutput = await moduleOf(returning(`{"a":[${"0,".repeat(800_000)}0]}`, { memory: "32 32" }));
    const pool = new PluginWorkerPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
    try {
      const outcome = await pool.run({ kind: "run", module: bigOutput, input: new Uint8Array(0) }, LIMITS);
      expect(outcome).toEqual({ ok: false, reason: "PLUGIN_MEMORY", message: expect.stringContaining("memory limit") });

      const next = await pool.run({ kind: "run", module: await moduleOf(WAT.good), input: new Uint8Array(0) }, LIMITS);
      expect(next).toEqual({ ok: true, output: { ok: true } });
    } finally {
      await pool.close();
    }
  });

  it("refuses jobs once closed", async () => {
    const pool = new PluginWorkerPool({ size: 1 });
    await pool.close();
    await expect(pool.run({ kind: "probe", module: await moduleOf(WAT.good) }, LIMITS)).rejects.toThrow("closed");
  });
});
