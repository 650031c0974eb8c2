import { asDirectMessage, conversationChannelId } from "./direct-message";
import { channelIdOrNull } from "./message-rules";

describe("direct conversations", () => {
  it("are one conversation for both orders of a pair", () => {
    expect(conversationChannelId("ada", "bob")).toBe(conversationChannelId("bob", "ada"));
    expect(conversationChannelId("ada", "ada")).not.toBe(conversationChannelId("ada", "bob"));
  });

  it("never share a conversation between different pairs, even with separators in user ids", () => {
    expect(conversationChannelId("a:b", "c")).not.toBe(conversationChannelId("a", "b:c"));
    expect(conversationChannelId("a%3Ab", "c")).not.toBe(conversationChannelId("a:b", "c"));
  });

  it("cannot be named through the channel API", () => {
    expect(channelIdOrNull(conversationChannelId("ada", "bob"))).toBeNull();
  });

  it("show who sent a message to whom, from either side", () => {
    const stored = { id: "1-0", channelId: conversationChannelId("ada", "bob"), authorId: "ada", body: "hi", sentAt: new Date(1) };
    expect(asDirectMessage(stored, "ada", "bob")).toMatchObject({ fromUserId: "ada", toUserId: "bob" });
    expect(asDirectMessage(stored, "bob", "ada")).toMatchObject({ fromUserId: "ada", toUserId: "bob" });
  });
});
