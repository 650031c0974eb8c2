// The slice of the WebAssembly JS API the host uses, typed here because the repo compiles
// against lib ES2023 without "dom", where TypeScript declares the WebAssembly namespace,
// and @types/node 20 does not declare it either. Local types rather than a global
// declaration, so nothing clashes if "dom" is ever added.

/** A compiled module: opaque to the host, instantiated only inside a plugin worker. */
export interface CompiledModule {
  readonly __compiledWasmModule: unique symbol;
}

export interface ModuleImportDescriptor {
  module: string;
  name: string;
  kind: "function" | "table" | "memory" | "global" | "tag";
}

export interface ModuleExportDescriptor {
  name: string;
  kind: "function" | "table" | "memory" | "global" | "tag";
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<CompiledModule>;
  Module: {
    imports(module: CompiledModule): ModuleImportDescriptor[];
    exports(module: CompiledModule): ModuleExportDescriptor[];
  };
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
