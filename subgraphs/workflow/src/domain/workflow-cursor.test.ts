import { decodeWorkflowCursor, encodeWorkflowCursor } from "./workflow-cursor";

describe("workflow cursors", () => {
  it("round-trip a list position and stay opaque", () => {
    const position = { createdAt: new Date("2030-01-01T00:00:00.123Z"), id: "0b7c:odd:id" };
    const cursor = encodeWorkflowCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeWorkflowCursor(cursor)).toEqual(position);
    expect(decodeWorkflowCursor(null)).toBeUndefined();
  });

  it.each(["", "garbage", Buffer.from("concept:abc").toString("base64url"), Buffer.from("workflows:notatime:x").toString("base64url")])(
    "refuses %p as BAD_USER_INPUT on `after`",
    (cursor) => {
      expect(() => decodeWorkflowCursor(cursor)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", details: { field: "after" } }));
    },
  );
});
