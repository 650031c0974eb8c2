import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { buildKeywordCounter } from "./fixtures/keyword-counter";
import { adminOfNewTenant, createPluginHost, RELAXED } from "./fixtures/plugin-host";

// The example plugin (plugins/keyword-counter, AssemblyScript) built from source, loaded
// through registration and run in the sandbox like any tenant's plugin.

const RIVERS =
  "The Rhine flows through Basel. Basel is a city, and the Rhine is a river that flows north. " +
  "Zürich is not on the Rhine; Zürich is on the Limmat, which also flows. Don't forget: rivers flow.";

describe("the keyword-counter example plugin", () => {
  const host = createPluginHost();
  let wasm: Uint8Array;
  // A cold build (the first run on a machine) compiles the AssemblyScript sources: seconds.
  beforeAll(async () => {
    wasm = await buildKeywordCounter();
  }, 120_000);
  afterAll(() => host.close());

  it("registers: it passes the ABI checks and reports ABI version 1", async () => {
    const admin = adminOfNewTenant();
    const plugin = await host.service.register(admin, { name: "keyword-counter", version: "1.0.0", wasm, limits: RELAXED });
    expect(plugin).toMatchObject({ tenantId: admin.tenantId, name: "keyword-counter", abiVersion: 1, limits: { maxMemoryMb: 16 } });
    expect(plugin.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is refused under a memory limit below the 4 MiB it declares (asconfig maximumMemory: 64 pages)", async () => {
    const registering = host.service.register(adminOfNewTenant(), { name: "keyword-counter", version: "1.0.0", wasm, limits: { maxMemoryMb: 2 } });
    await expect(registering).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { field: "input.wasmBase64", reason: "PLUGIN_MEMORY" } });
  });

  it("counts words, keywords and capitalised terms of a document", async () => {
    const admin = adminOfNewTenant();
    await host.service.register(admin, { name: "keyword-counter", version: "1.0.0", wasm, limits: RELAXED });

    const result = await host.service.runAnalyzerPlugins(admin.tenantId, RIVERS);

    expect(result.failures).toEqual([]);
    expect(result.annotations["keyword-counter"]).toEqual({
      // 5 + 13 + 6 + 8 + 4 words in the five sentences ("Don't" is one word).
      words: 36,
      // Seen twice or more, 4+ letters, not stopwords ("which", "also", "that" are):
      // flows and rhine 3 times, basel and zürich twice; ties in alphabetical order.
      keywords: [
        { term: "flows", count: 3 },
        { term: "rhine", count: 3 },
        { term: "basel", count: 2 },
        { term: "zürich", count: 2 },
      ],
      // Capitalised words that do not open a sentence: "The", the second "Basel", the first
      // "Zürich" and "Don't" do; the ";" does not end a sentence, so the second "Zürich" counts.
      capitalised: [
        { term: "Rhine", count: 3 },
        { term: "Basel", count: 1 },
        { term: "Limmat", count: 1 },
        { term: "Zürich", count: 1 },
      ],
    });
  });

  it("annotates an empty document with zero words", async () => {
    const admin = adminOfNewTenant();
    await host.service.register(admin, { name: "keyword-counter", version: "1.0.0", wasm, limits: RELAXED });

    const result = await host.service.runAnalyzerPlugins(admin.tenantId, "");

    expect(result).toEqual({ annotations: { "keyword-counter": { words: 0, keywords: [], capitalised: [] } }, failures: [] });
  });

  it("fails with PLUGIN_OUTPUT, not a truncated annotation, when its JSON is over the output limit", async () => {
    const admin = adminOfNewTenant();
    await host.service.register(admin, { name: "keyword-counter", version: "1.0.0", wasm, limits: { ...RELAXED, maxOutputBytes: 64 } });

    const result = await host.service.runAnalyzerPlugins(admin.tenantId, RIVERS);

    expect(result.annotations).toEqual({});
    expect(result.failures).toEqual([expect.objectContaining({ plugin: "keyword-counter", reason: "PLUGIN_OUTPUT" })]);
  });
});
