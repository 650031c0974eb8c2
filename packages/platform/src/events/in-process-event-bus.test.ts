import { Writable } from "node:stream";
import { createLogger } from "../logging";
import { TOPIC, processed, tenant } from "./contract-fixtures";
import { InProcessEventBus } from "./in-process-event-bus";
import { waitFor } from "./wait-for";

/** Handler failures are logged where operators look, with what identifies the event. */
describe("event handler failures in the log", () => {
  it("logs each failed delivery and the dead-lettering with topic, event, tenant and group", async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const bus = new InProcessEventBus({ logger: createLogger({ service: "test", destination }), defaults: { retryDelayMs: 0 } });
    await bus.subscribe(TOPIC, "indexer", () => {
      throw new Error("search index unavailable");
    }, { maxDeliveries: 2 });
    const tenantId = tenant();
    const eventId = await bus.publish(TOPIC, tenantId, processed());

    await waitFor(async () => (await bus.deadLetters(TOPIC)).length === 1);
    await bus.close();
    const context = { topic: TOPIC, eventId, tenantId, group: "indexer" };
    expect(lines).toEqual([
      expect.objectContaining({ ...context, level: "warn", deliveries: 1, err: expect.objectContaining({ message: "search index unavailable" }) }),
      expect.objectContaining({ ...context, level: "error", deliveries: 2, err: expect.objectContaining({ message: "search index unavailable" }) }),
    ]);
  });
});
