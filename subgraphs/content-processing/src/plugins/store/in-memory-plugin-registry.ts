import type { AnalyzerPluginRecord, AnalyzerPluginSummary, PluginRegistry } from "../plugin-registry";

/**
 * The registry in process memory, keyed by tenant then name: for tests (the app uses
 * PrismaPluginRegistry; plugins registered here are lost at restart). Records are
 * copied in and out so callers cannot change what is stored.
 */
export class InMemoryPluginRegistry implements PluginRegistry {
  private readonly tenants = new Map<string, Map<string, AnalyzerPluginRecord>>();

  async register(record: AnalyzerPluginRecord): Promise<void> {
    const plugins = this.tenants.get(record.tenantId) ?? new Map<string, AnalyzerPluginRecord>();
    plugins.set(record.name, { ...summaryOf(record), wasm: new Uint8Array(record.wasm) });
    this.tenants.set(record.tenantId, plugins);
  }

  async get(tenantId: string, name: string): Promise<AnalyzerPluginRecord | null> {
    const found = this.tenants.get(tenantId)?.get(name);
    return found ? { ...summaryOf(found), wasm: new Uint8Array(found.wasm) } : null;
  }

  async list(tenantId: string): Promise<AnalyzerPluginSummary[]> {
    const plugins = [...(this.tenants.get(tenantId)?.values() ?? [])];
    return plugins.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(summaryOf);
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    return this.tenants.get(tenantId)?.delete(name) ?? false;
  }
}

function summaryOf(record: AnalyzerPluginSummary): AnalyzerPluginSummary {
  const { tenantId, name, version, abiVersion, sha256, sizeBytes, limits, registeredAt } = record;
  return { tenantId, name, version, abiVersion, sha256, sizeBytes, limits: { ...limits }, registeredAt: new Date(registeredAt) };
}
