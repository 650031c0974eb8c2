// Analyzer-plugin ABI v1, host side. The contract is written up in docs/analyzer-plugins.md;
// this file is its single source of truth in code (the worker mirrors the few numbers it
// needs, because it runs as plain JavaScript).

/** The one ABI version this host runs. A plugin reports its own through `abi_version()`. */
export const ABI_VERSION = 1;

/** Exports every plugin must have: name -> WebAssembly export kind. Others are ignored. */
export const REQUIRED_EXPORTS = {
  memory: "memory",
  abi_version: "function",
  alloc: "function",
  analyze: "function",
} as const;

/**
 * The only import the ABI grants: `env.abort(message, file, line, column)`, which
 * AssemblyScript emits for failed assertions. The host turns a call into a trap. Anything
 * else a module imports is a capability it would expect the host to hand over: refused.
 */
export const GRANTED_IMPORTS: ReadonlyArray<{ module: string; name: string; kind: string }> = [
  { module: "env", name: "abort", kind: "function" },
];

export const WASM_PAGE_BYTES = 64 * 1024;

/** Why one plugin's annotation is missing. The other plugins' annotations are unaffected. */
export type PluginFailureReason =
  /** It ran past its wall-clock limit (an endless loop, say); its worker was terminated. */
  | "PLUGIN_TIMEOUT"
  /** It trapped: `unreachable`, an out-of-bounds access, `abort`, a stack overflow. */
  | "PLUGIN_TRAP"
  /** Its linear memory (or its worker's heap) went past the memory limit. */
  | "PLUGIN_MEMORY"
  /** What it returned broke the ABI: out of bounds, too large, not UTF-8, not a JSON object. */
  | "PLUGIN_OUTPUT";

/** Why a module is refused at registration (`extensions.reason` of the BAD_USER_INPUT). */
export type PluginRejectionReason =
  /** Not a WebAssembly module the engine can compile. */
  | "PLUGIN_INVALID"
  /** It imports something the ABI does not grant. */
  | "PLUGIN_IMPORT"
  /** A required export is missing, or it speaks another ABI version. */
  | "PLUGIN_ABI"
  /** Its memory is imported, shared, 64-bit, or declared larger than the limit. */
  | "PLUGIN_MEMORY";

/** `analyze` returns one i64: the output's pointer in the high 32 bits, its length in the low. */
export function unpackOutput(packed: bigint): { ptr: number; len: number } {
  return { ptr: Number((packed >> 32n) & 0xffffffffn), len: Number(packed & 0xffffffffn) };
}

export function packOutput(ptr: number, len: number): bigint {
  return (BigInt(ptr >>> 0) << 32n) | BigInt(len >>> 0);
}
