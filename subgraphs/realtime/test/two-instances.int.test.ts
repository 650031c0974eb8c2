import { randomUUID } from "node:crypto";
import type { Identity } from "@aiwf/platform";
import { RedisStreamsEventBus } from "@aiwf/platform/events";
import { callSubgraph, describeWithService, testIdentity } from "@aiwf/platform/testkit";
import { Redis } from "ioredis";
import { RedisFanout } from "../src/store/redis-fanout";
import { RedisMessageStore } from "../src/store/redis-message-store";
import { RedisPresenceStore } from "../src/store/redis-presence-store";
import { RedisRateLimiter } from "../src/store/redis-rate-limiter";
import { silent, startRealtime, subscribe, type Target } from "./realtime-fixture";

const SEND = `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id body } }`;
const MESSAGE_ADDED = `subscription Messages($channelId: ID!, $after: String) {
  messageAdded(channelId: $channelId, after: $after) { historyTruncated message { id body } }
}`;

/**
 * Two realtime instances as two deployments would run them: their own Redis connections
 * and event bus clients, sharing one Redis. A key prefix per run keeps runs apart.
 */
describeWithService("redis", "two realtime instances sharing Redis", (url) => {
  const prefix = `aiwf-test-${randomUUID()}`;
  const connections: Redis[] = [];
  const instances: Array<Target & { stop(): Promise<void> }> = [];
  let publisher: RedisStreamsEventBus;

  async function startInstance() {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    connections.push(redis);
    const events = new RedisStreamsEventBus({ connection: url, keyPrefix: `${prefix}:events:`, logger: silent });
    const { server } = await startRealtime({
      messages: new RedisMessageStore({ redis, keyPrefix: prefix }),
      presence: new RedisPresenceStore({ redis, keyPrefix: prefix }),
      fanout: new RedisFanout({ redis, logger: silent, keyPrefix: prefix }),
      sendLimiter: new RedisRateLimiter(redis, { limit: 5, windowSeconds: 60 }, prefix),
      senderLimiter: new RedisRateLimiter(redis, { limit: 1_000, windowSeconds: 60 }, prefix),
      events,
      presenceTtlMs: 1000,
    });
    return { url: server.url, server, stop: async () => (await server.stop(), await events.close()) };
  }

  beforeAll(async () => {
    instances.push(await startInstance(), await startInstance());
    publisher = new RedisStreamsEventBus({ connection: url, keyPrefix: `${prefix}:events:`, logger: silent });
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await publisher.close();
    const redis = new Redis(url);
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
    await Promise.all(connections.map((connection) => connection.quit()));
  });

  const pair = (): [Target, Target] => [instances[0]!, instances[1]!];
  const send = async (target: Target, identity: Identity, channelId: string, body: string) => {
    const { data, errors } = await callSubgraph(target.url, { query: SEND, variables: { input: { channelId, body } } }, identity);
    expect(errors).toBeUndefined();
    return data.sendMessage as { id: string };
  };

  it("delivers a message sent through either instance to subscribers on both", async () => {
    const [a, b] = pair();
    const alice = testIdentity();
    const onA = await subscribe(a, alice, MESSAGE_ADDED, { channelId: "general" });
    const onB = await subscribe(b, alice, MESSAGE_ADDED, { channelId: "general" });
    await send(a, alice, "general", "via a");
    await send(b, alice, "general", "via b");
    for (const received of [onA, onB]) {
      await received.waitFor(2);
      expect(received.values.map((value) => value.message.body).sort()).toEqual(["via a", "via b"]);
    }
    await Promise.all([onA.stop(), onB.stop()]);
  });

  it("resumes on one instance from a cursor received on the other", async () => {
    const [a, b] = pair();
    const alice = testIdentity();
    const first = await send(a, alice, "handover", "seen");
    await send(a, alice, "handover", "missed");
    const onB = await subscribe(b, alice, MESSAGE_ADDED, { channelId: "handover", after: first.id });
    await onB.waitFor(1);
    await send(a, alice, "handover", "live");
    await onB.waitFor(2);
    expect(onB.values.map((value) => value.message.body)).toEqual(["missed", "live"]);
    await onB.stop();
  });

  it("delivers each bus event to subscribers on both instances, and only to its tenant", async () => {
    const [a, b] = pair();
    const [alice, mallory] = [testIdentity(), testIdentity()];
    const query = `subscription { workflowRunUpdated(runId: "run-1") { status run { id } } }`;
    const onA = await subscribe(a, alice, query);
    const onB = await subscribe(b, alice, query);
    const other = await subscribe(b, mallory, query);
    await publisher.publish("workflow.run.updated", alice.tenantId, { runId: "run-1", workflowId: "wf-1", status: "RUNNING" });
    await publisher.publish("workflow.run.updated", mallory.tenantId, { runId: "run-1", workflowId: "wf-1", status: "FAILED" });
    await publisher.publish("workflow.run.updated", alice.tenantId, { runId: "run-1", workflowId: "wf-1", status: "SUCCEEDED" });
    for (const received of [onA, onB]) {
      await received.waitFor(2);
      expect(received.values).toEqual([{ status: "RUNNING", run: { id: "run-1" } }, { status: "SUCCEEDED", run: { id: "run-1" } }]);
    }
    await other.waitFor(1);
    expect(other.values).toEqual([{ status: "FAILED", run: { id: "run-1" } }]);
    await Promise.all([onA.stop(), onB.stop(), other.stop()]);
  });

  it("shares presence across instances and expires a silent member exactly once", async () => {
    const [a, b] = pair();
    const alice = testIdentity();
    const watcher = await subscribe(b, alice, `subscription { presenceChanged(channelId: "ops") { kind userId } }`);
    await callSubgraph(a.url, { query: `mutation { joinChannel(channelId: "ops") { userId } }` }, alice);
    const listed = await callSubgraph(b.url, { query: `{ channel(id: "ops") { presence { userId } } }` }, alice);
    expect(listed.data.channel.presence).toEqual([{ userId: alice.userId }]);
    await watcher.waitFor(2);
    // Both instances sweep; a third event would be a duplicate expiry. A marker join proves the stream moved on.
    const bob = { ...testIdentity(), tenantId: alice.tenantId };
    await callSubgraph(a.url, { query: `mutation { joinChannel(channelId: "ops") { userId } }` }, bob);
    await watcher.waitFor(3);
    expect(watcher.values).toEqual([
      { kind: "JOINED", userId: alice.userId },
      { kind: "EXPIRED", userId: alice.userId },
      { kind: "JOINED", userId: bob.userId },
    ]);
    await watcher.stop();
  });

  it("counts one sending budget per tenant across instances", async () => {
    const [a, b] = pair();
    const alice = testIdentity();
    const sendVia = (target: Target) => callSubgraph(target.url, { query: SEND, variables: { input: { channelId: "budget", body: "hi" } } }, alice);
    for (const target of [a, b, a, b, a]) expect((await sendVia(target)).errors).toBeUndefined();
    const limited = await sendVia(b);
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await sendVia(a)).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });
});
