import { DomainError } from "@aiwf/platform";
import { checkPageSize, decodeCursor, encodeCursor } from "./pagination";

describe("document cursors", () => {
  it("round-trip a position and stay opaque", () => {
    const position = { createdAt: new Date("2025-01-02T03:04:05.678Z"), id: "1b4e28ba-2fa1-11d2-883f-0016d3cca427" };
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each(["", "not-a-cursor", Buffer.from("yesterday|abc").toString("base64url"), Buffer.from("2025-01-01T00:00:00.000Z|a|b").toString("base64url"), Buffer.from("2025-01-01T00:00:00.000Z|not-a-uuid").toString("base64url")])(
    "refuses %j on the after argument",
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(DomainError);
      try {
        decodeCursor(cursor);
      } catch (error) {
        expect((error as DomainError).details).toMatchObject({ field: "after" });
      }
    },
  );

  it("limits page sizes to 0..100, 20 when not given", () => {
    expect(checkPageSize(null)).toBe(20);
    expect(checkPageSize(0)).toBe(0);
    expect(checkPageSize(100)).toBe(100);
    expect(() => checkPageSize(101)).toThrow(DomainError);
    expect(() => checkPageSize(-1)).toThrow(DomainError);
  });
});
