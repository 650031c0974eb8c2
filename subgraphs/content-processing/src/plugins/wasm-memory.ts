// Reads and rewrites the memory declaration of a WebAssembly binary. The JS API tells a
// module's imports and exports but not its memory limits, and a memory limit only holds
// if the engine enforces it: a module that declares no maximum gets the tenant's limit
// written in as its maximum, so `memory.grow` past it fails inside the engine instead of
// committing host memory. Only the memory section (id 5) is read or rebuilt; the module
// has already compiled, so the binary is well-formed.

export interface MemoryDeclaration {
  initialPages: number;
  /** null: the module declares no maximum. */
  maxPages: number | null;
}

export type CappedMemory =
  | { ok: true; bytes: Uint8Array; declared: MemoryDeclaration | null }
  | { ok: false; message: string };

const MEMORY_SECTION = 5;
const FLAG_MIN = 0x00;
const FLAG_MIN_MAX = 0x01;

function readU32(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: pos };
    shift += 7;
  }
}

function writeU32(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return out;
}

/**
 * Checks the module's own memory against `limitPages` and returns the binary with a
 * maximum of at most `limitPages`. Refused: more than one memory, shared or 64-bit
 * memory, an initial size or a declared maximum above the limit.
 */
export function capMemory(bytes: Uint8Array, limitPages: number): CappedMemory {
  let pos = 8; // magic and version
  while (pos < bytes.length) {
    const id = bytes[pos];
    const size = readU32(bytes, pos + 1);
    const contentStart = size.next;
    const contentEnd = contentStart + size.value;
    if (id === MEMORY_SECTION) {
      const count = readU32(bytes, contentStart);
      if (count.value !== 1) return { ok: false, message: `the module declares ${count.value} memories; the ABI allows one` };
      const flags = bytes[count.next];
      if (flags !== FLAG_MIN && flags !== FLAG_MIN_MAX) return { ok: false, message: "shared or 64-bit memory is not allowed" };
      const initial = readU32(bytes, count.next + 1);
      const max = flags === FLAG_MIN_MAX ? readU32(bytes, initial.next).value : null;
      const declared = { initialPages: initial.value, maxPages: max };
      if (declared.initialPages > limitPages) {
        return { ok: false, message: `initial memory of ${declared.initialPages} pages exceeds the limit of ${limitPages} pages` };
      }
      if (max !== null && max > limitPages) {
        return { ok: false, message: `declared maximum memory of ${max} pages exceeds the limit of ${limitPages} pages` };
      }
      if (max !== null) return { ok: true, bytes, declared };
      const content = [...writeU32(1), FLAG_MIN_MAX, ...writeU32(declared.initialPages), ...writeU32(limitPages)];
      const section = [MEMORY_SECTION, ...writeU32(content.length), ...content];
      const capped = new Uint8Array(bytes.length - (contentEnd - pos) + section.length);
      capped.set(bytes.subarray(0, pos), 0);
      capped.set(section, pos);
      capped.set(bytes.subarray(contentEnd), pos + section.length);
      return { ok: true, bytes: capped, declared };
    }
    pos = contentEnd;
  }
  return { ok: true, bytes, declared: null };
}
