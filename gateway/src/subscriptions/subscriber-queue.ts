import { GraphQLError, type ExecutionResult } from "graphql";

type Item = { kind: "result"; result: Promise<ExecutionResult> } | { kind: "error"; error: GraphQLError } | { kind: "end" };

/**
 * The events waiting for one client subscription, in order. Completions may finish out of
 * order; the queue yields them in arrival order. It is bounded: a client that falls
 * behind by more than `limit` events is ended with SLOW_CONSUMER instead of growing memory.
 */
export class SubscriberQueue implements AsyncIterableIterator<ExecutionResult> {
  private readonly items: Item[] = [];
  private waiting: ((item: Item) => void) | undefined;
  private finished = false;

  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(result: Promise<ExecutionResult>): void {
    if (this.finished) return;
    if (this.items.length >= this.limit) {
      this.fail(new GraphQLError(`The client fell more than ${this.limit} events behind; subscribe again`, { extensions: { code: "SLOW_CONSUMER" } }));
      return;
    }
    this.deliver({ kind: "result", result });
  }

  fail(error: GraphQLError): void {
    if (this.finished) return;
    this.items.length = 0; // the error goes out first: the client must resubscribe anyway
    this.deliver({ kind: "error", error });
    this.deliver({ kind: "end" });
    this.finished = true;
    this.onClose();
  }

  end(): void {
    if (this.finished) return;
    this.deliver({ kind: "end" });
    this.finished = true;
    this.onClose();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const item = this.items.shift() ?? (await new Promise<Item>((resolve) => (this.waiting = resolve)));
    if (item.kind === "result") return { value: await item.result, done: false };
    if (item.kind === "error") return { value: { errors: [item.error] }, done: false };
    return { value: undefined, done: true };
  }

  /** The client unsubscribed or went away: stop at once, without waiting for anything. */
  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.finished) {
      this.finished = true;
      this.onClose();
    }
    this.items.length = 0;
    this.waiting?.({ kind: "end" });
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private deliver(item: Item): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(item);
    else this.items.push(item);
  }
}
