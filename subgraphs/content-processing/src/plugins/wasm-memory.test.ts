import { describe, expect, it } from "@jest/globals";
import { capMemory } from "./wasm-memory";

// Binaries built by hand: header, then a memory section (id 5) with one memory.
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const TYPE_SECTION = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // one type: () -> ()
const withMemory = (limits: number[]) => new Uint8Array([...HEADER, ...TYPE_SECTION, 0x05, limits.length + 1, 0x01, ...limits]);

describe("capMemory", () => {
  it("writes the limit in as the maximum of a memory that declares none", () => {
    const capped = capMemory(withMemory([0x00, 0x02]), 300);
    // 300 pages is 0xac 0x02 in LEB128; the section grows from 3 to 5 bytes.
    expect(capped).toEqual({ ok: true, declared: { initialPages: 2, maxPages: null }, bytes: withMemory([0x01, 0x02, 0xac, 0x02]) });
  });

  it("keeps the binary of a memory whose maximum is within the limit", () => {
    const bytes = withMemory([0x01, 0x01, 0x10]);
    expect(capMemory(bytes, 16)).toEqual({ ok: true, declared: { initialPages: 1, maxPages: 16 }, bytes });
  });

  it("refuses a declared maximum or an initial size above the limit", () => {
    expect(capMemory(withMemory([0x01, 0x01, 0x11]), 16)).toMatchObject({ ok: false, message: expect.stringContaining("maximum memory of 17 pages") });
    expect(capMemory(withMemory([0x00, 0x11]), 16)).toMatchObject({ ok: false, message: expect.stringContaining("initial memory of 17 pages") });
  });

  it("refuses shared and 64-bit memories", () => {
    expect(capMemory(withMemory([0x03, 0x01, 0x02]), 16)).toMatchObject({ ok: false });
    expect(capMemory(withMemory([0x04, 0x01]), 16)).toMatchObject({ ok: false });
  });

  it("reports no memory for a module without a memory section", () => {
    const bytes = new Uint8Array([...HEADER, ...TYPE_SECTION]);
    expect(capMemory(bytes, 16)).toEqual({ ok: true, bytes, declared: null });
  });

  it("produces a binary the engine compiles, with the cap enforced by memory.grow", async () => {
    // (module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
    const module = new Uint8Array([
      ...HEADER, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
      0x07, 0x11, 0x02, 0x06, ...Buffer.from("memory"), 0x02, 0x00, 0x04, ...Buffer.from("grow"), 0x00, 0x00,
      0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b,
    ]);
    const capped = capMemory(module, 3);
    if (!capped.ok) throw new Error(capped.message);
    const { instance } = await (globalThis as any).WebAssembly.instantiate(capped.bytes);
    expect(instance.exports.grow(2)).toBe(1); // 1 -> 3 pages: allowed
    expect(instance.exports.grow(1)).toBe(-1); // 4 pages: refused by the engine
  });
});
