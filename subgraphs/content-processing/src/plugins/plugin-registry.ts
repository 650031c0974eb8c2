import type { PluginLimits } from "./plugin-limits";

/** An analyzer plugin as a tenant registered it, without the module's bytes. */
export interface AnalyzerPluginSummary {
  tenantId: string;
  /** Unique within the tenant; the key of its annotations. */
  name: string;
  /** The tenant's label for this build; registering the name again replaces the plugin. */
  version: string;
  /** The ABI the module reported through `abi_version()` when it was registered. */
  abiVersion: number;
  /** Hex SHA-256 of the module: identifies the build, keys the compiled-module cache. */
  sha256: string;
  sizeBytes: number;
  limits: PluginLimits;
  registeredAt: Date;
}

export interface AnalyzerPluginRecord extends AnalyzerPluginSummary {
  /** The module as uploaded (the memory cap is applied again whenever it is compiled). */
  wasm: Uint8Array;
}

/**
 * Where a tenant's analyzer plugins are kept. Every method is scoped to one tenant: a
 * name another tenant registered behaves exactly like one nobody registered.
 */
export interface PluginRegistry {
  /** Stores the plugin, replacing the tenant's plugin of the same name if there is one. */
  register(record: AnalyzerPluginRecord): Promise<void>;
  /** The tenant's plugin of that name with its module, or null. */
  get(tenantId: string, name: string): Promise<AnalyzerPluginRecord | null>;
  /**
   * The tenant's plugins, ordered by name, without their modules: this runs for every
   * document, while a module is only loaded when its build is not compiled yet.
   */
  list(tenantId: string): Promise<AnalyzerPluginSummary[]>;
  /** Removes the tenant's plugin of that name; false when there was none. */
  remove(tenantId: string, name: string): Promise<boolean>;
}
