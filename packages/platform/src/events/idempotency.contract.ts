import { createEnvelope } from "./envelope";
import { TOPIC, processed, tenant, type CurrentFixture } from "./contract-fixtures";
import { createIdempotentHandler } from "./processed-event-log";
import { waitFor } from "./wait-for";

/** At-least-once delivery plus an idempotent consumer acts once per event. */
export function idempotencyContract(current: CurrentFixture): void {
  it("acts once when the same event arrives twice", async () => {
    const { bus, processedEvents } = current();
    const acted: string[] = [];
    let copies = 0;
    const indexDocument = createIdempotentHandler<typeof TOPIC>(processedEvents, (event) => void acted.push(event.id));
    await bus.subscribe(TOPIC, "indexer", async (event, delivery) => {
      await indexDocument(event, delivery);
      copies += 1;
    });
    // A relay that crashed after publishing publishes the same envelope again.
    const envelope = createEnvelope(TOPIC, tenant(), processed());
    await bus.publishEnvelope(envelope);
    await bus.publishEnvelope(envelope);

    await waitFor(() => copies === 2, 5_000, "both copies");
    expect(acted).toEqual([envelope.id]);
  });

  it("still acts on the redelivery after its handler failed", async () => {
    const { bus, processedEvents } = current();
    let attempts = 0;
    const acted: string[] = [];
    await bus.subscribe(TOPIC, "indexer", createIdempotentHandler<typeof TOPIC>(processedEvents, (event) => {
      attempts += 1;
      if (attempts === 1) throw new Error("transient");
      acted.push(event.id);
    }));
    const id = await bus.publish(TOPIC, tenant(), processed());

    await waitFor(() => acted.length === 1, 5_000, "the redelivery");
    expect(acted).toEqual([id]);
    expect(attempts).toBe(2);
  });

  it("records processed events per consumer group", async () => {
    const { processedEvents } = current();
    expect(await processedEvents.markIfNew("indexer", "event-1")).toBe(true);
    expect(await processedEvents.markIfNew("indexer", "event-1")).toBe(false);
    expect(await processedEvents.markIfNew("notifier", "event-1")).toBe(true);
    await processedEvents.forget("indexer", "event-1");
    expect(await processedEvents.markIfNew("indexer", "event-1")).toBe(true);
  });
}
