import { compareMessageIds, nextMessageId, sentAtOf } from "./message-id";

describe("message ids", () => {
  it("order numerically, not as text", () => {
    expect(compareMessageIds("9-0", "10-0")).toBeLessThan(0);
    expect(compareMessageIds("10-2", "10-10")).toBeLessThan(0);
    expect(compareMessageIds("10-2", "10-2")).toBe(0);
    expect(compareMessageIds("18446744073709551615-0", "18446744073709551614-9")).toBeGreaterThan(0);
  });

  it("advance with the clock, and by sequence within one millisecond", () => {
    expect(nextMessageId(undefined, 1000)).toBe("1000-0");
    expect(nextMessageId("1000-0", 1000)).toBe("1000-1");
    expect(nextMessageId("1000-1", 1001)).toBe("1001-0");
  });

  it("never go backwards when the clock does", () => {
    expect(nextMessageId("5000-3", 4000)).toBe("5000-4");
  });

  it("carry the time the message was sent", () => {
    expect(sentAtOf("1700000000123-4").toISOString()).toBe("2023-11-14T22:13:20.123Z");
  });
});
