import { memoryPagesOf } from "./plugin-limits";
import type { AnalyzerPluginSummary } from "./plugin-registry";
import { validatePluginModule, type ValidatedModule } from "./validate-plugin-module";

interface Entry {
  sha256: string;
  pages: number;
  validated: Promise<ValidatedModule>;
}

/**
 * Compiled modules, one per registered plugin: compiling is the expensive step, and a
 * WebAssembly.Module goes to the workers without being compiled again. An entry is keyed
 * by tenant and name and checked against the plugin's hash and memory limit, so a new
 * build (registered here or by another instance sharing the registry) is loaded and
 * compiled once, on first use, and replaces the old one.
 */
export class PluginModuleCache {
  private readonly entries = new Map<string, Entry>();

  /** The plugin's module, validated and memory-capped; `load` fetches its bytes on a miss. */
  get(plugin: AnalyzerPluginSummary, load: () => Promise<Uint8Array | null>): Promise<ValidatedModule> {
    const key = keyOf(plugin.tenantId, plugin.name);
    const pages = memoryPagesOf(plugin.limits);
    const found = this.entries.get(key);
    if (found && found.sha256 === plugin.sha256 && found.pages === pages) return found.validated;
    const validated = load().then((wasm): Promise<ValidatedModule> | ValidatedModule =>
      wasm ? validatePluginModule(wasm, pages) : { ok: false, reason: "PLUGIN_INVALID", message: "the plugin was removed while it was about to run" },
    );
    this.entries.set(key, { sha256: plugin.sha256, pages, validated });
    return validated;
  }

  /** Seeds the cache with a module validated at registration. */
  put(plugin: AnalyzerPluginSummary, validated: ValidatedModule): void {
    this.entries.set(keyOf(plugin.tenantId, plugin.name), { sha256: plugin.sha256, pages: memoryPagesOf(plugin.limits), validated: Promise.resolve(validated) });
  }

  evict(tenantId: string, name: string): void {
    this.entries.delete(keyOf(tenantId, name));
  }
}

const keyOf = (tenantId: string, name: string) => `${tenantId}\u0000${name}`;
