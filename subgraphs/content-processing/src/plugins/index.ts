// Analyzer plugins: tenants' WebAssembly modules that add JSON annotations to a document's
// analysis, sandboxed in worker threads (ABI: docs/analyzer-plugins.md).
export * from "./abi";
export * from "./analyzer-plugin.service";
export * from "./plugin-limits";
export * from "./plugin-registry";
export * from "./plugin-worker-pool";
export { InMemoryPluginRegistry } from "./store/in-memory-plugin-registry";
export { AnalyzerPluginResolver } from "./schema/analyzer-plugin.resolver";
