import { DomainError, badInput } from "@aiwf/platform";
import { abortableSleep, withRetry } from "../../src/ai/retry";

const unavailable = () => new DomainError("UPSTREAM_UNAVAILABLE", "down", { retryable: true });
const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 400, maxRetryAfterMs: 10_000 };

function failingTimes(n: number, error: () => Error) {
  let calls = 0;
  return {
    calls: () => calls,
    run: async () => {
      calls += 1;
      if (calls <= n) throw error();
      return "ok";
    },
  };
}

describe("withRetry", () => {
  it("backs off exponentially up to the ceiling, with full jitter", async () => {
    const waits: number[] = [];
    const op = failingTimes(4, unavailable);
    await expect(withRetry(op.run, policy, { random: () => 1, sleep: async (ms) => void waits.push(ms) })).resolves.toBe("ok");
    expect(waits).toEqual([100, 200, 400, 400]);
    const jittered: number[] = [];
    await withRetry(failingTimes(2, unavailable).run, policy, { random: () => 0.5, sleep: async (ms) => void jittered.push(ms) });
    expect(jittered).toEqual([50, 100]);
  });

  it("is bounded: the last error surfaces after maxAttempts", async () => {
    const op = failingTimes(99, unavailable);
    await expect(withRetry(op.run, policy, { sleep: async () => {} })).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    expect(op.calls()).toBe(5);
  });

  it("never retries errors that are not retryable", async () => {
    const op = failingTimes(1, () => badInput("prompt", "bad"));
    await expect(withRetry(op.run, policy, { sleep: async () => {} })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    const plain = failingTimes(1, () => new Error("bug"));
    await expect(withRetry(plain.run, policy, { sleep: async () => {} })).rejects.toThrow("bug");
    expect(op.calls() + plain.calls()).toBe(2);
  });

  it("waits at least the Retry-After of a RATE_LIMITED error", async () => {
    const waits: number[] = [];
    const op = failingTimes(1, () => new DomainError("RATE_LIMITED", "slow", { retryAfterSeconds: 2 }));
    await withRetry(op.run, policy, { random: () => 1, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([2000]);
  });

  it("stops waiting when the signal aborts, rejecting with its reason", async () => {
    const controller = new AbortController();
    const op = failingTimes(99, unavailable);
    const running = withRetry(op.run, { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 }, { signal: controller.signal, random: () => 1 });
    setImmediate(() => controller.abort(new Error("cancelled")));
    await expect(running).rejects.toThrow("cancelled");
    expect(op.calls()).toBe(1);
  });

  it("abortableSleep resolves after its delay and rejects at once if already aborted", async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    await expect(abortableSleep(60_000, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});
