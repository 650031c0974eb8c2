import { DomainError } from "@aiwf/platform";

/** How many undelivered events a subscription may hold when configuration does not say. */
export const DEFAULT_SUBSCRIPTION_QUEUE_LIMIT = 256;

/**
 * A subscriber that fell more than `limit` events behind. RATE_LIMITED keeps the error
 * vocabulary closed; `reason: SLOW_CONSUMER` tells it apart from request rate limits, and
 * the client may resubscribe at once (with its last cursor, for messageAdded).
 */
export const slowConsumer = (limit: number) =>
  new DomainError("RATE_LIMITED", `The subscriber fell more than ${limit} events behind; resubscribe to continue`, {
    reason: "SLOW_CONSUMER",
    limit,
    retryAfterSeconds: 0,
  });

/**
 * Events waiting for one subscriber. Producers push without waiting; when the subscriber
 * falls more than `limit` behind, the buffer is dropped and the next `take` fails with
 * SLOW_CONSUMER, so a stalled socket costs at most `limit` events of memory.
 */
export class BoundedQueue<T> {
  private buffer: T[] = [];
  private waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void } | undefined;
  private failure: unknown;
  private ended = false;

  constructor(
    private readonly limit: number,
    /** Called once, when the queue overflows: the producer should stop pushing. */
    private readonly onOverflow: () => void = () => {},
  ) {}

  get size(): number {
    return this.buffer.length;
  }

  push(item: T): void {
    if (this.ended || this.failure !== undefined) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.buffer.length >= this.limit) return this.fail(slowConsumer(this.limit));
    this.buffer.push(item);
  }

  /** Ends the queue with an error; buffered events are dropped, the next `take` rejects. */
  fail(error: unknown): void {
    if (this.ended || this.failure !== undefined) return;
    this.failure = error;
    this.buffer = [];
    this.onOverflow();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      this.failure = undefined;
      this.ended = true;
      reject(error);
    }
  }

  /** Ends the queue quietly: a pending or later `take` is done. */
  end(): void {
    this.ended = true;
    this.buffer = [];
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
  }

  take(): Promise<IteratorResult<T>> {
    if (this.failure !== undefined) {
      const error = this.failure;
      this.failure = undefined;
      this.ended = true;
      return Promise.reject(error);
    }
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.waiting) return Promise.reject(new Error("BoundedQueue has one reader"));
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}
