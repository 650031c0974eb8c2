import { isDomainError } from "@aiwf/platform";
import { MAX_BODY_LENGTH, MAX_PAGE_SIZE, parseChannelId, parseForwardWindow, parseMessageBody, parseReferenceId } from "./message-rules";

function errorOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error("expected a domain error");
}

describe("channel ids", () => {
  it("accepts names and normalizes them to lowercase", () => {
    expect(parseChannelId("General")).toBe("general");
    expect(parseChannelId("team-1.ops_log")).toBe("team-1.ops_log");
    expect(parseChannelId("a".repeat(64))).toBe("a".repeat(64));
  });

  it.each(["", "-leading-dash", ".hidden", "has space", "colon:inside", "slash/inside", "a".repeat(65), "émoji"])(
    "refuses %j naming the input field",
    (raw) => {
      expect(errorOf(() => parseChannelId(raw))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.channelId" });
    },
  );

  it("names the argument it came from", () => {
    expect(errorOf(() => parseChannelId("no good", "id"))).toMatchObject({ field: "id" });
  });
});

describe("message bodies", () => {
  it("are stored trimmed", () => {
    expect(parseMessageBody("  hello \n")).toBe("hello");
  });

  it.each(["", "   ", "\n\t"])("refuses an empty body %j", (raw) => {
    expect(errorOf(() => parseMessageBody(raw))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.body" });
  });

  it("allows exactly the limit, counting characters rather than UTF-16 units", () => {
    expect(parseMessageBody("x".repeat(MAX_BODY_LENGTH))).toHaveLength(MAX_BODY_LENGTH);
    expect([...parseMessageBody("😀".repeat(MAX_BODY_LENGTH))]).toHaveLength(MAX_BODY_LENGTH);
  });

  it("refuses a longer body as too large, with the limit", () => {
    expect(errorOf(() => parseMessageBody("x".repeat(MAX_BODY_LENGTH + 1)))).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      field: "input.body",
      limit: MAX_BODY_LENGTH,
    });
  });
});

describe("shared references", () => {
  it("are optional and trimmed", () => {
    expect(parseReferenceId(undefined, "input.documentId")).toBeUndefined();
    expect(parseReferenceId(null, "input.documentId")).toBeUndefined();
    expect(parseReferenceId(" doc-1 ", "input.documentId")).toBe("doc-1");
  });

  it("refuse a blank id", () => {
    expect(errorOf(() => parseReferenceId(" ", "input.workflowId"))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.workflowId" });
  });
});

describe("history paging arguments", () => {
  it("default to the first page of 50", () => {
    expect(parseForwardWindow({})).toEqual({ first: 50 });
    expect(parseForwardWindow({ first: 10, after: "1700000000000-3" })).toEqual({ first: 10, after: "1700000000000-3" });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 1.5])("refuse a page size of %p", (first) => {
    expect(errorOf(() => parseForwardWindow({ first }))).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it.each(["abc", "123", "1-2-3", "-1-0"])("refuse a cursor that is not a message id: %j", (after) => {
    expect(errorOf(() => parseForwardWindow({ after }))).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
