import { describe, expect, it } from "@jest/globals";
import { DEFAULT_PLUGIN_LIMITS } from "../../src/plugins/plugin-limits";
import type { AnalyzerPluginRecord, PluginRegistry } from "../../src/plugins/plugin-registry";

/**
 * What every PluginRegistry adapter must do: the in-memory and the Prisma registries run
 * it; each test uses tenants of its own.
 */
export function pluginRegistryContract(name: string, registry: () => PluginRegistry) {
  let counter = 0;
  const tenant = () => `tenant-${name}-${Date.now().toString(36)}-${counter++}`;
  const record = (tenantId: string, pluginName: string, overrides: Partial<AnalyzerPluginRecord> = {}): AnalyzerPluginRecord => ({
    tenantId,
    name: pluginName,
    version: "1.0.0",
    abiVersion: 1,
    wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]),
    sizeBytes: 8,
    sha256: "a".repeat(64),
    limits: { ...DEFAULT_PLUGIN_LIMITS },
    registeredAt: new Date("2026-01-02T03:04:05.000Z"),
    ...overrides,
  });

  describe(`PluginRegistry contract: ${name}`, () => {
    it("returns what was registered, bytes and limits included", async () => {
      const t = tenant();
      await registry().register(record(t, "counter", { limits: { timeoutMs: 50, maxMemoryMb: 2, maxOutputBytes: 10 } }));
      expect(await registry().get(t, "counter")).toEqual(record(t, "counter", { limits: { timeoutMs: 50, maxMemoryMb: 2, maxOutputBytes: 10 } }));
    });

    it("lists a tenant's plugins by name, without their modules", async () => {
      const t = tenant();
      for (const n of ["zeta", "alpha", "mid"]) await registry().register(record(t, n));
      const listed = await registry().list(t);
      expect(listed.map((p) => p.name)).toEqual(["alpha", "mid", "zeta"]);
      const { wasm: _wasm, ...summary } = record(t, "alpha");
      expect(listed[0]).toEqual(summary);
    });

    it("replaces a plugin registered again under the same name", async () => {
      const t = tenant();
      await registry().register(record(t, "counter"));
      const replacement = record(t, "counter", { version: "2.0.0", sha256: "b".repeat(64), wasm: new Uint8Array(9), sizeBytes: 9 });
      await registry().register(replacement);
      expect((await registry().list(t)).map((p) => [p.version, p.sha256, p.sizeBytes])).toEqual([["2.0.0", "b".repeat(64), 9]]);
      expect(await registry().get(t, "counter")).toEqual(replacement);
    });

    it("removes a plugin, and reports whether there was one", async () => {
      const t = tenant();
      await registry().register(record(t, "counter"));
      expect(await registry().remove(t, "counter")).toBe(true);
      expect(await registry().remove(t, "counter")).toBe(false);
      expect(await registry().get(t, "counter")).toBeNull();
      expect(await registry().list(t)).toEqual([]);
    });

    it("keeps tenants apart: another tenant's plugin is invisible and cannot be removed", async () => {
      const owner = tenant();
      const other = tenant();
      await registry().register(record(owner, "counter"));
      expect(await registry().get(other, "counter")).toBeNull();
      expect(await registry().list(other)).toEqual([]);
      expect(await registry().remove(other, "counter")).toBe(false);
      expect(await registry().get(owner, "counter")).not.toBeNull();
    });

    it("is not changed by a caller mutating what it passed in or got back", async () => {
      const t = tenant();
      const original = record(t, "counter");
      await registry().register(original);
      original.wasm[0] = 255;
      const got = (await registry().get(t, "counter"))!;
      got.limits.timeoutMs = 1;
      expect(await registry().get(t, "counter")).toEqual(record(t, "counter"));
    });
  });
}
