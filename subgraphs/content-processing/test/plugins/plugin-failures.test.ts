import { afterAll, describe, expect, it } from "@jest/globals";
import type { PluginAnnotations } from "../../src/plugins/analyzer-plugin.service";
import type { PluginFailureReason } from "../../src/plugins/abi";
import { adminOfNewTenant, createPluginHost, RELAXED, registerWat } from "./fixtures/plugin-host";
import { compileWat, WAT } from "./fixtures/wat-modules";

// Each hostile plugin is registered beside a good one in a tenant of its own. A run must
// give the good plugin its annotation and the hostile one its failure reason, and the
// host must still run plugins afterwards.

const TEXT = "A document for the plugins.";
const FAST = { ...RELAXED, timeoutMs: 300 };
const SMALL_MEMORY = { ...RELAXED, maxMemoryMb: 1 };

const cases: Array<{ name: string; wat: string; limits: typeof RELAXED; reason: PluginFailureReason; message: RegExp }> = [
  { name: "an endless loop", wat: WAT.loop, limits: FAST, reason: "PLUGIN_TIMEOUT", message: /longer than 300 ms/ },
  { name: "an unreachable trap", wat: WAT.trap, limits: RELAXED, reason: "PLUGIN_TRAP", message: /unreachable/ },
  { name: "a call to abort", wat: WAT.abort, limits: RELAXED, reason: "PLUGIN_TRAP", message: /aborted \(line 7, column 3\)/ },
  { name: "a memory grower", wat: WAT.grow, limits: SMALL_MEMORY, reason: "PLUGIN_MEMORY", message: /memory at the limit of 1048576 bytes/ },
  { name: "output that is not JSON", wat: WAT.garbage, limits: RELAXED, reason: "PLUGIN_OUTPUT", message: /not UTF-8 JSON/ },
  { name: "output that is not UTF-8", wat: WAT.notUtf8, limits: RELAXED, reason: "PLUGIN_OUTPUT", message: /not UTF-8 JSON/ },
  { name: "a JSON array", wat: WAT.jsonArray, limits: RELAXED, reason: "PLUGIN_OUTPUT", message: /must be a JSON object/ },
  { name: "JSON nested too deep", wat: WAT.deepJson, limits: RELAXED, reason: "PLUGIN_OUTPUT", message: /nests deeper than 32 levels/ },
  { name: "output outside its memory", wat: WAT.outOfBounds, limits: RELAXED, reason: "PLUGIN_OUTPUT", message: /outside linear memory/ },
];

describe("a failing plugin fails its own annotation only", () => {
  const host = createPluginHost();
  afterAll(() => host.close());

  async function runBesideAGoodPlugin(hostile: string, limits: typeof RELAXED): Promise<PluginAnnotations & { tenantId: string }> {
    const admin = adminOfNewTenant();
    await registerWat(host.service, admin, "good", WAT.good);
    await registerWat(host.service, admin, "hostile", hostile, limits);
    return { tenantId: admin.tenantId, ...(await host.service.runAnalyzerPlugins(admin.tenantId, TEXT)) };
  }

  it.each(cases)("$name fails with $reason while the good plugin annotates", async ({ wat, limits, reason, message }) => {
    const result = await runBesideAGoodPlugin(wat, limits);

    expect(result.annotations).toEqual({ good: { ok: true } });
    expect(result.failures).toEqual([{ plugin: "hostile", version: "1.0.0", reason, message: expect.stringMatching(message) }]);

    // The host is healthy: the same tenant's plugins run again, with the same outcome.
    const again = await host.service.runAnalyzerPlugins(result.tenantId, TEXT);
    expect(again.annotations).toEqual({ good: { ok: true } });
    expect(again.failures.map((f) => f.reason)).toEqual([reason]);
  });

  it("runs every hostile plugin of one tenant in one pass through a single worker, and only the good one annotates", async () => {
    // One worker: every job queues behind the one before, and the worker killed for the
    // endless loop is replaced for the jobs after it.
    const single = createPluginHost({ poolSize: 1 });
    const admin = adminOfNewTenant();
    await registerWat(single.service, admin, "good", WAT.good);
    for (const [i, c] of cases.entries()) await registerWat(single.service, admin, `hostile-${i}`, c.wat, c.limits);

    const result = await single.service.runAnalyzerPlugins(admin.tenantId, TEXT);
    await single.close();

    expect(result.annotations).toEqual({ good: { ok: true } });
    expect(Object.fromEntries(result.failures.map((f) => [f.plugin, f.reason]))).toEqual(
      Object.fromEntries(cases.map((c, i) => [`hostile-${i}`, c.reason])),
    );
  });

  it("a plugin stored without the registration checks (a forbidden import) fails with PLUGIN_IMPORT when it runs", async () => {
    const admin = adminOfNewTenant();
    await registerWat(host.service, admin, "good", WAT.good);
    const good = (await host.registry.get(admin.tenantId, "good"))!;
    // As if written to the registry by an older host, or edited in the database.
    await host.registry.register({ ...good, name: "sneaky", wasm: await compileWat(WAT.forbiddenImport), sha256: "0".repeat(64) });

    const result = await host.service.runAnalyzerPlugins(admin.tenantId, TEXT);

    expect(result.annotations).toEqual({ good: { ok: true } });
    expect(result.failures).toEqual([expect.objectContaining({ plugin: "sneaky", reason: "PLUGIN_IMPORT" })]);
  });
});
