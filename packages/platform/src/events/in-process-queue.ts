/**
 * The ready events of one consumer group in the in-process bus: a FIFO that idle members
 * wait on. Waiting members are served in arrival order, which spreads a group's events
 * across its members. Events wait as JSON, as they would in a stream, so every delivery
 * gets its own copy and a handler cannot change what another group sees.
 */
export interface QueuedEvent {
  json: string;
  /** Deliveries so far (0 while it waits for its first one). */
  deliveries: number;
}

type Waiter = (event: QueuedEvent | undefined) => void;

export class GroupQueue {
  private readonly ready: QueuedEvent[] = [];
  private readonly waiting: Waiter[] = [];

  /** `capacity` mirrors the stream's MAXLEN: a group nobody consumes drops its oldest events. */
  constructor(private readonly capacity: number, private readonly onDrop: (event: QueuedEvent) => void) {}

  get size(): number {
    return this.ready.length;
  }

  push(event: QueuedEvent): void {
    const waiter = this.waiting.shift();
    if (waiter) return waiter(event);
    this.ready.push(event);
    if (this.ready.length > this.capacity) this.onDrop(this.ready.shift()!);
  }

  /** Puts back an event a closing member could not finish, ahead of newer ones. */
  returnToFront(event: QueuedEvent): void {
    const waiter = this.waiting.shift();
    if (waiter) return waiter(event);
    this.ready.unshift(event);
  }

  /** The next event, or undefined once the signal aborts. */
  take(signal: AbortSignal): Promise<QueuedEvent | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    const next = this.ready.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve) => {
      const waiter: Waiter = (event) => {
        signal.removeEventListener("abort", onAbort);
        resolve(event);
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      this.waiting.push(waiter);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
