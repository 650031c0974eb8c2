import { badInput } from "@aiwf/platform";

/** What one plugin may use per document. Set at registration, within the host's ceilings. */
export interface PluginLimits {
  /** Wall-clock time for one document, instantiation included. */
  timeoutMs: number;
  /** Linear memory, in MiB (16 WebAssembly pages each). Also caps a module with no maximum. */
  maxMemoryMb: number;
  /** Size of the UTF-8 JSON the plugin returns. */
  maxOutputBytes: number;
}

export const DEFAULT_PLUGIN_LIMITS: PluginLimits = { timeoutMs: 1_000, maxMemoryMb: 16, maxOutputBytes: 64 * 1024 };

/** The most any registration may ask for; a host may lower them (AnalyzerPluginService options). */
export const DEFAULT_PLUGIN_CEILINGS: PluginLimits = { timeoutMs: 10_000, maxMemoryMb: 256, maxOutputBytes: 1024 * 1024 };

const FIELDS: Record<keyof PluginLimits, string> = {
  timeoutMs: "input.timeoutMs",
  maxMemoryMb: "input.maxMemoryMb",
  maxOutputBytes: "input.maxOutputBytes",
};

/**
 * The limits a registration gets: the requested ones (each a positive integer no higher
 * than the ceiling) and the defaults (lowered to the ceiling) for those not given.
 */
export function resolvePluginLimits(requested: Partial<PluginLimits>, ceilings: PluginLimits = DEFAULT_PLUGIN_CEILINGS): PluginLimits {
  const limits = { ...DEFAULT_PLUGIN_LIMITS };
  for (const key of Object.keys(FIELDS) as Array<keyof PluginLimits>) {
    const value = requested[key];
    if (value === undefined || value === null) {
      limits[key] = Math.min(DEFAULT_PLUGIN_LIMITS[key], ceilings[key]);
      continue;
    }
    if (!Number.isInteger(value) || value < 1) throw badInput(FIELDS[key], `${key} must be a positive integer`);
    if (value > ceilings[key]) throw badInput(FIELDS[key], `${key} may be at most ${ceilings[key]}`, { limit: ceilings[key] });
    limits[key] = value;
  }
  return limits;
}

export const memoryPagesOf = (limits: PluginLimits) => limits.maxMemoryMb * 16;
