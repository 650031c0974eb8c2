import { takeToken, TokenBucket, type BucketState } from "./token-bucket";

describe("the token bucket", () => {
  const policy = { limit: 3, windowSeconds: 60 };

  it("allows a burst of `limit`, then says when the next token is back", () => {
    let state: BucketState | undefined;
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      const result = takeToken(policy, state, 1_000);
      decisions.push(result.decision);
      state = result.state;
    }
    expect(decisions).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 20 }]);
  });

  it("refills continuously at limit per window", () => {
    const empty = { tokens: 0, atMs: 0 };
    expect(takeToken(policy, empty, 19_999).decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeToken(policy, empty, 20_000).decision).toEqual({ allowed: true });
    expect(takeToken(policy, empty, 10 * 60_000).state.tokens).toBe(2);
  });
});

describe("a token bucket owned by one holder", () => {
  it("keeps its own state between takes", () => {
    let now = 0;
    const bucket = new TokenBucket({ limit: 2, windowSeconds: 10 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([{ allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 5 }]);
    now = 5_000;
    expect(bucket.take()).toEqual({ allowed: true });
  });
});
