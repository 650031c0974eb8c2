import { GRANTED_IMPORTS, type PluginRejectionReason, REQUIRED_EXPORTS } from "./abi";
import { type CompiledModule, wasm } from "./wasm-api";
import { capMemory, type MemoryDeclaration } from "./wasm-memory";

export type ValidatedModule =
  | {
      ok: true;
      /** Compiled from the memory-capped binary: what every run instantiates. */
      module: CompiledModule;
      /** The memory as the module declared it, before the cap. */
      memory: MemoryDeclaration;
    }
  | { ok: false; reason: PluginRejectionReason; message: string };

const refuse = (reason: PluginRejectionReason, message: string): ValidatedModule => ({ ok: false, reason, message });

async function compile(bytes: Uint8Array): Promise<CompiledModule | null> {
  try {
    return await wasm.compile(bytes);
  } catch {
    return null;
  }
}

/**
 * Checks a module against the ABI without running any of its code: it compiles, imports
 * only what the ABI grants, exports what the ABI requires, and its memory fits
 * `limitPages` (a module without a maximum gets `limitPages` as its maximum). Whether it
 * speaks ABI v1 needs `abi_version()` to run: the worker probes that next.
 */
export async function validatePluginModule(bytes: Uint8Array, limitPages: number): Promise<ValidatedModule> {
  const original = await compile(bytes);
  if (!original) return refuse("PLUGIN_INVALID", "not a valid WebAssembly module");

  for (const wanted of wasm.Module.imports(original)) {
    const granted = GRANTED_IMPORTS.some((g) => g.module === wanted.module && g.name === wanted.name && g.kind === wanted.kind);
    if (!granted) {
      return refuse("PLUGIN_IMPORT", `imports ${wanted.kind} "${wanted.module}.${wanted.name}", which the ABI does not grant (only env.abort)`);
    }
  }
  const exports = wasm.Module.exports(original);
  for (const [name, kind] of Object.entries(REQUIRED_EXPORTS)) {
    if (!exports.some((e) => e.name === name && e.kind === kind)) return refuse("PLUGIN_ABI", `must export ${kind} "${name}"`);
  }

  const capped = capMemory(bytes, limitPages);
  if (!capped.ok) return refuse("PLUGIN_MEMORY", capped.message);
  // The exported memory is the module's own (an imported one was refused above).
  if (!capped.declared) return refuse("PLUGIN_ABI", "exports a memory it does not define");
  const module = capped.bytes === bytes ? original : await compile(capped.bytes);
  if (!module) return refuse("PLUGIN_INVALID", "the module no longer compiles with its memory capped");
  return { ok: true, module, memory: capped.declared };
}
