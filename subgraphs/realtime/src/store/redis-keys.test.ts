import { channelMessagesKey, encodeKeyPart, tenantKeyPattern } from "./redis-keys";

describe("redis keys", () => {
  it("put the tenant first and keep plain names readable", () => {
    expect(channelMessagesKey("acme", "general")).toBe("aiwf:acme:channel:general:messages");
  });

  it("escape separators, hash tags and glob characters in a tenant id", () => {
    expect(encodeKeyPart("a:b{c}*?[%")).toBe("a%3Ab%7Bc%7D%2A%3F%5B%25");
    expect(tenantKeyPattern("x:y")).toBe("aiwf:x%3Ay:*");
  });

  it("never map two tenants to one key", () => {
    const tenants = ["a:channel:b", "a", "a%3Achannel%3Ab", "é", "%C3%A9", "a b", "a+b"];
    const keys = new Set(tenants.map((tenant) => channelMessagesKey(tenant, "general")));
    expect(keys.size).toBe(tenants.length);
  });
});
