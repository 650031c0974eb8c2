import type { EventHandler } from "./event-bus";
import type { TopicName } from "./topics";

/**
 * Which events a consumer group has already acted on, keyed by the envelope id. The bus
 * delivers at least once (a relay retry, a reclaim from a slow consumer), so a consumer
 * whose effect must not repeat checks here first.
 */
export interface ProcessedEventLog {
  /** Records the event for the group; false when it was already recorded (a duplicate). */
  markIfNew(group: string, eventId: string): Promise<boolean>;
  /** Removes the record after the handler failed, so the redelivery acts. */
  forget(group: string, eventId: string): Promise<void>;
}

/**
 * Acts once per event id and group. The mark is taken before the handler runs, so two
 * concurrent copies cannot both act, and released if the handler throws, so the
 * redelivery is not skipped. Limit: a process that dies mid-handler keeps the mark and
 * the redelivery is skipped; an effect that must never be lost records the event id in
 * the same transaction as the effect instead.
 */
export function createIdempotentHandler<Topic extends TopicName>(
  seen: ProcessedEventLog,
  handler: EventHandler<Topic>,
): EventHandler<Topic> {
  return async (event, delivery) => {
    if (!(await seen.markIfNew(delivery.group, event.id))) return;
    try {
      await handler(event, delivery);
    } catch (error) {
      await seen.forget(delivery.group, event.id);
      throw error;
    }
  };
}

/**
 * The log of embedded mode. Bounded by count rather than time: it forgets the oldest ids
 * first, and duplicates arrive close to the original (a retry, a reclaim).
 */
export class InMemoryProcessedEventLog implements ProcessedEventLog {
  // A Map iterates in insertion order, so its first key is the oldest mark.
  private readonly marks = new Map<string, true>();

  constructor(private readonly maxEntries = 100_000) {}

  async markIfNew(group: string, eventId: string): Promise<boolean> {
    const key = JSON.stringify([group, eventId]);
    if (this.marks.has(key)) return false;
    this.marks.set(key, true);
    if (this.marks.size > this.maxEntries) this.marks.delete(this.marks.keys().next().value!);
    return true;
  }

  async forget(group: string, eventId: string): Promise<void> {
    this.marks.delete(JSON.stringify([group, eventId]));
  }
}
