import { TOPIC, processed, tenant, type CurrentFixture } from "./contract-fixtures";
import { deferred, nextMacrotask, waitFor } from "./wait-for";

/** Failing handlers and closing subscriptions: nothing is lost, nothing loops forever. */
export function failureHandlingContract(current: CurrentFixture): void {
  it("redelivers an event whose handler threw until it succeeds", async () => {
    const { bus } = current();
    const attempts: number[] = [];
    let succeeded = false;
    await bus.subscribe(TOPIC, "indexer", (_event, delivery) => {
      attempts.push(delivery.deliveries);
      if (delivery.deliveries < 3) throw new Error("search index unavailable");
      succeeded = true;
    });
    await bus.publish(TOPIC, tenant(), processed());

    await waitFor(() => succeeded, 5_000, "the third delivery");
    expect(attempts).toEqual([1, 2, 3]);
    expect(await bus.deadLetters(TOPIC)).toEqual([]);
  });

  it("dead-letters an event after maxDeliveries and moves on to the next", async () => {
    const { bus } = current();
    const poison = processed("poison");
    let attempts = 0;
    const handled: string[] = [];
    await bus.subscribe(TOPIC, "indexer", (event) => {
      if (event.payload.documentId === poison.documentId) {
        attempts += 1;
        throw new Error("cannot index a poison document");
      }
      handled.push(event.payload.documentId);
    }, { maxDeliveries: 3 });
    const poisonId = await bus.publish(TOPIC, tenant(), poison);
    await bus.publish(TOPIC, tenant(), processed("healthy"));

    await waitFor(() => handled.length === 1, 5_000, "the next event");
    const [letter, ...others] = await bus.deadLetters(TOPIC);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ group: "indexer", error: "cannot index a poison document", deliveries: 3 });
    expect(letter.envelope).toMatchObject({ id: poisonId, payload: poison });
    expect(new Date(letter.deadAt).getTime()).not.toBeNaN();
    expect(attempts).toBe(3);
    expect(handled).toEqual(["healthy"]);
  });

  it("stops delivering to a closed subscription; the group's next member gets the rest", async () => {
    const { bus } = current();
    const closedMember: string[] = [];
    const subscription = await bus.subscribe(TOPIC, "indexer", (event) => void closedMember.push(event.id));
    const first = await bus.publish(TOPIC, tenant(), processed());
    await waitFor(() => closedMember.length === 1, 5_000, "the first event");
    await subscription.close();

    const second = await bus.publish(TOPIC, tenant(), processed());
    const nextMember: string[] = [];
    await bus.subscribe(TOPIC, "indexer", (event) => void nextMember.push(event.id));
    await waitFor(() => nextMember.length === 1, 5_000, "the next member");
    expect(closedMember).toEqual([first]);
    expect(nextMember).toEqual([second]);
  });

  it("closes promptly when idle", async () => {
    const { bus } = current();
    // A long claimIdleMs lets the Redis member sit in a long blocking read.
    const subscription = await bus.subscribe(TOPIC, "indexer", () => {}, { claimIdleMs: 60_000 });
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("waits for an in-flight handler on close and acknowledges its event", async () => {
    const { bus } = current();
    const handlerStarted = deferred();
    const release = deferred();
    let finished = false;
    const subscription = await bus.subscribe(TOPIC, "indexer", async () => {
      handlerStarted.resolve();
      await release.promise;
      finished = true;
    });
    await bus.publish(TOPIC, tenant(), processed());
    await handlerStarted.promise;

    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    await nextMacrotask();
    expect(closed).toBe(false);
    release.resolve();
    await closing;
    expect(finished).toBe(true);

    const marker = await bus.publish(TOPIC, tenant(), processed());
    const nextMember: string[] = [];
    await bus.subscribe(TOPIC, "indexer", (event) => void nextMember.push(event.id));
    await waitFor(() => nextMember.length === 1, 5_000, "the marker");
    expect(nextMember).toEqual([marker]);
  });

  it("leaves an event it was waiting to retry to the group when closed", async () => {
    const { bus } = current();
    let attempts = 0;
    const subscription = await bus.subscribe(TOPIC, "indexer", () => {
      attempts += 1;
      throw new Error("not yet");
    }, { retryDelayMs: 60_000 });
    const id = await bus.publish(TOPIC, tenant(), processed());
    await waitFor(() => attempts === 1, 5_000, "the first attempt");
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1_000);

    const redelivered: [string, number][] = [];
    await bus.subscribe(TOPIC, "indexer", (event, delivery) => void redelivered.push([event.id, delivery.deliveries]));
    await waitFor(() => redelivered.length === 1, 5_000, "the redelivery");
    expect(redelivered).toEqual([[id, 2]]);
  });
}
