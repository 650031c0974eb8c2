// The host side of analyzer-plugin ABI v1 (docs/analyzer-plugins.md), as seen from the
// plugin: the host calls `alloc` for the input, `analyze` with it, and reads the JSON
// that `analyze` points to. The stub runtime never frees, which is right here: the host
// instantiates the module afresh for every document, so memory lives for one call.

/** The ABI this plugin speaks; the host refuses modules whose version it does not know. */
export const ABI_VERSION: i32 = 1;

/** Reserves `len` bytes the host writes the document's UTF-8 text into. */
export function allocate(len: i32): usize {
  return heap.alloc(<usize>max(len, 1));
}

/** Reads the host's input as a string. */
export function readInput(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

/**
 * Encodes `json` as UTF-8 and packs where it lives into one u64: the pointer in the high
 * 32 bits, the byte length in the low 32 bits (wasm32 pointers and lengths fit in 32).
 */
export function packOutput(json: string): u64 {
  const bytes = String.UTF8.encode(json);
  const ptr = changetype<usize>(bytes);
  return (<u64>ptr << 32) | <u64>bytes.byteLength;
}
