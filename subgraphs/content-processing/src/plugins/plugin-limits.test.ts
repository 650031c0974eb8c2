import { describe, expect, it } from "@jest/globals";
import { DEFAULT_PLUGIN_CEILINGS, DEFAULT_PLUGIN_LIMITS, resolvePluginLimits } from "./plugin-limits";

describe("resolvePluginLimits", () => {
  it("gives the defaults for limits not asked for, and keeps the ones asked for", () => {
    expect(resolvePluginLimits({})).toEqual(DEFAULT_PLUGIN_LIMITS);
    expect(resolvePluginLimits({ timeoutMs: 250 })).toEqual({ ...DEFAULT_PLUGIN_LIMITS, timeoutMs: 250 });
  });

  it("lowers the defaults to lower ceilings", () => {
    expect(resolvePluginLimits({}, { ...DEFAULT_PLUGIN_CEILINGS, maxMemoryMb: 8 }).maxMemoryMb).toBe(8);
  });

  it("refuses a limit above its ceiling, naming the field and the ceiling", () => {
    expect(() => resolvePluginLimits({ maxOutputBytes: DEFAULT_PLUGIN_CEILINGS.maxOutputBytes + 1 })).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT", details: { field: "input.maxOutputBytes", limit: DEFAULT_PLUGIN_CEILINGS.maxOutputBytes } }),
    );
  });

  it("refuses limits that are not positive integers", () => {
    for (const timeoutMs of [0, -1, 2.5, Number.NaN]) {
      expect(() => resolvePluginLimits({ timeoutMs })).toThrow(expect.objectContaining({ details: { field: "input.timeoutMs" } }));
    }
  });
});
