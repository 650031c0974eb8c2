import { randomUUID } from "node:crypto";
import { TOPIC, processed, tenant, type CurrentFixture, type EventBusFixture } from "./contract-fixtures";
import { createEnvelope, InvalidEventError } from "./envelope";
import { failureHandlingContract } from "./event-bus-failures.contract";
import { idempotencyContract } from "./idempotency.contract";
import type { TopicName } from "./topics";
import { waitFor } from "./wait-for";

export type { EventBusFixture } from "./contract-fixtures";

/** One behaviour, every implementation: run it against each EventBus. */
export function eventBusContract(name: string, createFixture: () => Promise<EventBusFixture>): void {
  describe(`EventBus contract: ${name}`, () => {
    let fixture: EventBusFixture | undefined;
    const current: CurrentFixture = () => fixture!;
    beforeEach(async () => {
      fixture = await createFixture();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    it("delivers the envelope a subscriber receives with every field intact", async () => {
      const { bus } = current();
      const received: unknown[] = [];
      await bus.subscribe(TOPIC, "indexer", (event) => void received.push(event));
      const tenantId = tenant();
      const occurredAt = new Date("2025-01-02T03:04:05.678Z");
      const payload = processed();
      const id = await bus.publish(TOPIC, tenantId, payload, { occurredAt, headers: { requestId: "r-1" } });

      await waitFor(() => received.length === 1, 5_000, "the event");
      expect(received[0]).toEqual({ id, topic: TOPIC, tenantId, occurredAt: occurredAt.toISOString(), payload, headers: { requestId: "r-1" } });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("keeps the id of an envelope published by a relay", async () => {
      const { bus } = current();
      const received: string[] = [];
      await bus.subscribe("content.document.deleted", "indexer", (event) => void received.push(event.id));
      const envelope = createEnvelope("content.document.deleted", tenant(), { documentId: "d-1" });
      expect(await bus.publishEnvelope(envelope)).toBe(envelope.id);
      await waitFor(() => received.length === 1);
      expect(received).toEqual([envelope.id]);
    });

    it("refuses an event that does not match its topic", async () => {
      const { bus } = current();
      const wrongPayload = { documentId: "" } as unknown as ReturnType<typeof processed>;
      await expect(bus.publish(TOPIC, tenant(), wrongPayload)).rejects.toThrow(InvalidEventError);
      await expect(bus.publish(TOPIC, "", processed())).rejects.toThrow(InvalidEventError);
      await expect(bus.publish("nobody.nothing.happened" as TopicName, tenant(), processed())).rejects.toThrow(/Unknown event topic/);
    });

    it("gives every group every event", async () => {
      const { bus } = current();
      const byGroup: Record<string, string[]> = { indexer: [], notifier: [] };
      for (const group of Object.keys(byGroup)) await bus.subscribe(TOPIC, group, (event) => void byGroup[group].push(event.id));
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await bus.publish(TOPIC, tenant(), processed()));

      await waitFor(() => byGroup.indexer.length === 10 && byGroup.notifier.length === 10, 5_000, "both groups");
      expect(byGroup).toEqual({ indexer: ids, notifier: ids });
    });

    it("splits a group's events between its members, each handled once", async () => {
      const { bus } = current();
      const handled = new Map<string, string[]>();
      // Each member holds its first event until the other has one too: proves both take work.
      const member = (name: string) =>
        bus.subscribe(TOPIC, "indexer", async (event) => {
          if (!handled.has(name)) handled.set(name, []);
          await waitFor(() => handled.size === 2, 5_000, "the other member to start");
          handled.get(name)!.push(event.id);
        }, { batchSize: 1 });
      await member("first");
      await member("second");
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await bus.publish(TOPIC, tenant(), processed()));

      const all = () => [...handled.values()].flat();
      await waitFor(() => all().length === 20, 10_000, "all events");
      expect(all().sort()).toEqual([...ids].sort());
      expect(new Set(all()).size).toBe(20);
      for (const ids of handled.values()) expect(ids.length).toBeGreaterThan(0);
    });

    it("keeps events in publication order for one consumer, retries included", async () => {
      const { bus } = current();
      const handled: string[] = [];
      let failedOnce = false;
      const documents = Array.from({ length: 30 }, () => randomUUID());
      await bus.subscribe(TOPIC, "indexer", (event) => {
        if (event.payload.documentId === documents[9] && !failedOnce) {
          failedOnce = true;
          throw new Error("transient");
        }
        handled.push(event.id);
      });
      const ids: string[] = [];
      for (const documentId of documents) ids.push(await bus.publish(TOPIC, tenant(), processed(documentId)));

      await waitFor(() => handled.length === 30, 10_000, "all events");
      expect(handled).toEqual(ids);
    });

    it("starts a new group from retained events, or from new ones when asked", async () => {
      const { bus } = current();
      const before = await bus.publish(TOPIC, tenant(), processed());
      const earliest: string[] = [];
      const latest: string[] = [];
      await bus.subscribe(TOPIC, "backfill", (event) => void earliest.push(event.id));
      await bus.subscribe(TOPIC, "live-only", (event) => void latest.push(event.id), { startFrom: "latest" });
      const after = await bus.publish(TOPIC, tenant(), processed());

      await waitFor(() => earliest.length === 2 && latest.length === 1, 5_000, "both groups");
      expect(earliest).toEqual([before, after]);
      expect(latest).toEqual([after]);
    });

    failureHandlingContract(current);
    idempotencyContract(current);
  });
}
