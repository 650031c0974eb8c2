import { afterAll, describe, expect, it } from "@jest/globals";
import { testIdentity } from "@aiwf/platform/testkit";
import { DEFAULT_PLUGIN_CEILINGS } from "../../src/plugins/plugin-limits";
import { adminOfNewTenant, createPluginHost, RELAXED, registerWat } from "./fixtures/plugin-host";
import { compileWat, WAT } from "./fixtures/wat-modules";

// Registration refuses what breaks the ABI or the limits, names the field and the reason,
// and stores nothing; the module's code only ever runs in a worker.

describe("registering an analyzer plugin", () => {
  const host = createPluginHost({ ceilings: { ...DEFAULT_PLUGIN_CEILINGS, maxMemoryMb: 32 }, maxModuleBytes: 4096 });
  afterAll(() => host.close());

  const refusal = (reason: string, field = "input.wasmBase64") => ({ code: "BAD_USER_INPUT", details: expect.objectContaining({ field, reason }) });

  it.each([
    { name: "bytes that are not WebAssembly", wasm: async () => new Uint8Array([1, 2, 3, 4]), reason: "PLUGIN_INVALID" },
    { name: "an import the ABI does not grant", wasm: () => compileWat(WAT.forbiddenImport), reason: "PLUGIN_IMPORT" },
    { name: "a module without alloc", wasm: () => compileWat(WAT.noAlloc), reason: "PLUGIN_ABI" },
    { name: "a module of another ABI version", wasm: () => compileWat(WAT.abiV2), reason: "PLUGIN_ABI" },
    { name: "a declared maximum above the memory limit", wasm: () => compileWat(WAT.bigMemory), reason: "PLUGIN_MEMORY" },
  ])("refuses $name with $reason and stores nothing", async ({ wasm, reason }) => {
    const admin = adminOfNewTenant();
    await expect(host.service.register(admin, { name: "p", version: "1", wasm: await wasm(), limits: RELAXED })).rejects.toMatchObject(refusal(reason));
    expect(await host.service.list(admin)).toEqual([]);
  });

  it("says which import it refused", async () => {
    const registering = registerWat(host.service, adminOfNewTenant(), "p", WAT.forbiddenImport);
    await expect(registering).rejects.toThrow('imports function "wasi_snapshot_preview1.fd_write", which the ABI does not grant');
  });

  it("refuses a module that hangs while starting, with PLUGIN_TIMEOUT from the probe", async () => {
    const registering = registerWat(host.service, adminOfNewTenant(), "p", WAT.startLoop, { timeoutMs: 300 });
    await expect(registering).rejects.toMatchObject(refusal("PLUGIN_TIMEOUT"));
  });

  it("accepts the module base64-encoded and refuses base64 that is not", async () => {
    const admin = adminOfNewTenant();
    const base64 = Buffer.from(await compileWat(WAT.good)).toString("base64");
    await expect(host.service.register(admin, { name: "p", version: "1", wasm: base64, limits: RELAXED })).resolves.toMatchObject({ name: "p" });
    await expect(host.service.register(admin, { name: "q", version: "1", wasm: "not*base64" })).rejects.toMatchObject(refusal("PLUGIN_INVALID"));
  });

  it("refuses a module over the size limit with PAYLOAD_TOO_LARGE", async () => {
    const wasm = new Uint8Array(4097);
    await expect(host.service.register(adminOfNewTenant(), { name: "p", version: "1", wasm })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      details: { field: "input.wasmBase64", limit: 4096 },
    });
  });

  it("needs the admin role", async () => {
    const editor = testIdentity({ roles: ["editor"] });
    const registering = host.service.register(editor, { name: "p", version: "1", wasm: await compileWat(WAT.good) });
    await expect(registering).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(host.service.remove(editor, "p")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each([
    { field: "input.name", input: { name: "Not A Name" } },
    { field: "input.version", input: { version: "" } },
    { field: "input.timeoutMs", input: { limits: { timeoutMs: 0 } } },
    { field: "input.maxOutputBytes", input: { limits: { maxOutputBytes: 1.5 } } },
    // Above this host's configured ceiling of 32 MiB, though under the default one.
    { field: "input.maxMemoryMb", input: { limits: { maxMemoryMb: 64 } } },
  ])("names $field when it is out of bounds", async ({ field, input }) => {
    const registering = host.service.register(adminOfNewTenant(), { name: "p", version: "1", wasm: await compileWat(WAT.good), ...input });
    await expect(registering).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: expect.objectContaining({ field }) });
  });

  it("gives the default limits, lowered to the host's ceilings, when none are asked for", async () => {
    const strict = createPluginHost({ ceilings: { timeoutMs: 500, maxMemoryMb: 4, maxOutputBytes: 1024 } });
    try {
      const plugin = await strict.service.register(adminOfNewTenant(), { name: "p", version: "1", wasm: await compileWat(WAT.good) });
      expect(plugin.limits).toEqual({ timeoutMs: 500, maxMemoryMb: 4, maxOutputBytes: 1024 });
    } finally {
      await strict.close();
    }
  });

  it("replaces the tenant's plugin of the same name, and removes it", async () => {
    const admin = adminOfNewTenant();
    await registerWat(host.service, admin, "p", WAT.good);
    const replaced = await host.service.register(admin, { name: "p", version: "2.0.0", wasm: await compileWat(WAT.jsonArray), limits: RELAXED });
    expect((await host.service.list(admin)).map((p) => [p.name, p.version, p.sha256])).toEqual([["p", "2.0.0", replaced.sha256]]);
    // The new build runs, not a cached compilation of the old one.
    expect((await host.service.runAnalyzerPlugins(admin.tenantId, "x")).failures).toEqual([expect.objectContaining({ version: "2.0.0", reason: "PLUGIN_OUTPUT" })]);

    expect(await host.service.remove(admin, "p")).toBe(true);
    expect(await host.service.remove(admin, "p")).toBe(false);
    expect(await host.service.runAnalyzerPlugins(admin.tenantId, "x")).toEqual({ annotations: {}, failures: [] });
  });

  it("runs plugins another host instance registered in a shared registry, and picks up their new builds", async () => {
    const other = createPluginHost({ registry: host.registry });
    try {
      const admin = adminOfNewTenant();
      await registerWat(host.service, admin, "p", WAT.good);
      expect(await other.service.runAnalyzerPlugins(admin.tenantId, "x")).toEqual({ annotations: { p: { ok: true } }, failures: [] });

      await host.service.register(admin, { name: "p", version: "2.0.0", wasm: await compileWat(WAT.trap), limits: RELAXED });
      expect((await other.service.runAnalyzerPlugins(admin.tenantId, "x")).failures).toEqual([expect.objectContaining({ version: "2.0.0", reason: "PLUGIN_TRAP" })]);
    } finally {
      await other.close();
    }
  });
});
