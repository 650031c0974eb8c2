import { randomUUID } from "node:crypto";
import type { PresenceStore } from "../src/domain/presence";
import type { RateLimiter } from "../src/domain/rate-limit";

/** The suite every PresenceStore adapter passes; each test uses fresh tenants. */
export function presenceStoreContract(open: () => Promise<{ store: PresenceStore; close(): Promise<void> }>): void {
  let fixture: { store: PresenceStore; close(): Promise<void> };
  beforeAll(async () => (fixture = await open()));
  afterAll(() => fixture.close());
  const tenant = () => `contract-${randomUUID()}`;
  // Far in the future, so sweeps of this suite never touch other suites' members.
  const base = 4_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

  it("tells a join from a heartbeat, and never moves a heartbeat back", async () => {
    const { store } = fixture;
    const acme = tenant();
    expect(await store.touch(acme, "lobby", "ada", base)).toEqual({ joined: true });
    expect(await store.touch(acme, "lobby", "ada", base + 10)).toEqual({ joined: false });
    expect(await store.touch(acme, "lobby", "ada", base + 5)).toEqual({ joined: false });
    expect(await store.members(acme, "lobby", 0)).toEqual([{ channelId: "lobby", userId: "ada", lastSeenAt: new Date(base + 10) }]);
  });

  it("removes a member once, and lists only members seen since a time, per tenant", async () => {
    const { store } = fixture;
    const [acme, globex] = [tenant(), tenant()];
    await store.touch(acme, "lobby", "ada", base);
    await store.touch(acme, "lobby", "bob", base + 100);
    await store.touch(globex, "lobby", "eve", base + 100);
    expect((await store.members(acme, "lobby", base + 50)).map((member) => member.userId)).toEqual(["bob"]);
    expect(await store.remove(acme, "lobby", "bob")).toBe(true);
    expect(await store.remove(acme, "lobby", "bob")).toBe(false);
    expect((await store.members(globex, "lobby", 0)).map((member) => member.userId)).toEqual(["eve"]);
  });

  it("sweeps each expired member exactly once, even when sweeps run concurrently", async () => {
    const { store } = fixture;
    const acme = tenant();
    const at = base + 500_000;
    await store.touch(acme, "a", "old-1", at);
    await store.touch(acme, "b", "old-2", at + 1);
    await store.touch(acme, "a", "fresh", at + 1000);
    const sweeps = await Promise.all([store.sweep(at + 500), store.sweep(at + 500), store.sweep(at + 500)]);
    const expired = sweeps.flat().filter((member) => member.tenantId === acme);
    expect(expired.map((member) => `${member.channelId}/${member.userId}`).sort()).toEqual(["a/old-1", "b/old-2"]);
    expect((await store.members(acme, "a", 0)).map((member) => member.userId)).toEqual(["fresh"]);
  });
}

/** The suite every RateLimiter adapter passes (a budget of 2 per hour, so nothing refills meanwhile). */
export function rateLimiterContract(open: () => Promise<{ limiter: RateLimiter; close(): Promise<void> }>): void {
  let fixture: { limiter: RateLimiter; close(): Promise<void> };
  beforeAll(async () => (fixture = await open()));
  afterAll(() => fixture.close());

  it("allows the budget, then refuses with the wait, per tenant and action", async () => {
    const { limiter } = fixture;
    const [acme, globex] = [`contract-${randomUUID()}`, `contract-${randomUUID()}`];
    expect(await limiter.take(acme, "send")).toEqual({ allowed: true });
    expect(await limiter.take(acme, "send")).toEqual({ allowed: true });
    const refused = await limiter.take(acme, "send");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(1700);
    expect(await limiter.take(acme, "join")).toEqual({ allowed: true });
    expect(await limiter.take(globex, "send")).toEqual({ allowed: true });
  });
}
