import { InProcessEventBus } from "@aiwf/platform/events";
import { TEST_INTERNAL_SECRET, testIdentity } from "@aiwf/platform/testkit";
import { parse, subscribe, type ExecutionResult } from "graphql";
import { createRealtime } from "../src/app";
import { inProcessStores, silent } from "./realtime-fixture";

/**
 * Backpressure, at the subscription source: the schema's own `subscribe`, with a consumer
 * that does not pull (a socket that stopped reading looks the same from here).
 */
describe("a subscriber that falls behind", () => {
  it("is ended with RATE_LIMITED / SLOW_CONSUMER once more than the queue limit is waiting, holding no more", async () => {
    const events = new InProcessEventBus();
    const realtime = await createRealtime({ ...inProcessStores(), events, logger: silent, port: 0, internalTokenSecret: TEST_INTERNAL_SECRET, subscriptionQueueLimit: 5 });
    const identity = testIdentity();
    const contextValue = realtime.createContext({ identity, requestId: "slow", logger: silent });
    const stream = (await subscribe({
      schema: realtime.schema,
      document: parse(`subscription { messageAdded(channelId: "firehose") { message { body } } }`),
      contextValue,
    })) as AsyncGenerator<ExecutionResult>;
    expect(realtime.feeds.openCount(identity.tenantId)).toBe(1);

    for (let i = 0; i < 5; i++) await realtime.channels.sendMessage(identity, { channelId: "firehose", body: `m${i}` });
    // Within the limit: nothing is lost.
    expect((await stream.next()).value).toEqual({ data: { messageAdded: { message: { body: "m0" } } } });
    for (let i = 5; i < 12; i++) await realtime.channels.sendMessage(identity, { channelId: "firehose", body: `m${i}` });

    await expect(stream.next()).rejects.toMatchObject({
      extensions: { code: "RATE_LIMITED", reason: "SLOW_CONSUMER", limit: 5, retryAfterSeconds: 0 },
    });
    expect(realtime.feeds.openCount(identity.tenantId)).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    await events.close();
  });

  it("can always unsubscribe at once, even from an idle stream", async () => {
    const events = new InProcessEventBus();
    const realtime = await createRealtime({ ...inProcessStores(), events, logger: silent, port: 0, internalTokenSecret: TEST_INTERNAL_SECRET });
    const identity = testIdentity();
    const stream = (await subscribe({
      schema: realtime.schema,
      document: parse(`subscription { workflowRunUpdated(runId: "r-1") { status } }`),
      contextValue: realtime.createContext({ identity, requestId: "idle", logger: silent }),
    })) as AsyncGenerator<ExecutionResult>;
    const pending = stream.next();
    // Resolves without any event arriving: return() never waits behind the pending next().
    await stream.return(undefined);
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(realtime.feeds.openCount(identity.tenantId)).toBe(0);
    await events.close();
  });
});
