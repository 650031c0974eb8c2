/**
 * Test helpers for asynchronous delivery: wait for a condition, never for a fixed time.
 * Not exported from the package; the contract suites use them.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    // Deliveries happen on other ticks (or in Redis); check again shortly.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise with its resolve exposed: a gate a test opens when it chooses. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Lets every queued callback run once, to show something has NOT happened yet. */
export const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
