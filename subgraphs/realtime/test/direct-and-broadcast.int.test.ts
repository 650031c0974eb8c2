import { randomUUID } from "node:crypto";
import type { Identity } from "@aiwf/platform";
import { callSubgraph, describeWithService, testIdentity } from "@aiwf/platform/testkit";
import { Redis } from "ioredis";
import type { RealtimeStores } from "../src/app";
import { RedisFanout } from "../src/store/redis-fanout";
import { RedisMessageStore } from "../src/store/redis-message-store";
import { RedisPresenceStore } from "../src/store/redis-presence-store";
import { RedisRateLimiter } from "../src/store/redis-rate-limiter";
import { inProcessStores, silent, startRealtime, subscribe, type Target } from "./realtime-fixture";

const SEND_DM = `mutation Dm($input: SendDirectMessageInput!) {
  sendDirectMessage(input: $input) { id fromUserId toUserId body sentAt document { id } workflow { id } }
}`;
const DIRECT_MESSAGES = `query Conversation($withUserId: ID!, $first: Int, $after: String) {
  directMessages(withUserId: $withUserId, first: $first, after: $after) {
    edges { cursor node { id fromUserId toUserId body } } pageInfo { hasNextPage endCursor }
  }
}`;
const DM_RECEIVED = `subscription { directMessageReceived { id fromUserId toUserId body document { id } } }`;
const BROADCAST = `mutation Broadcast($input: BroadcastInput!) { broadcast(input: $input) { id topic body authorId sentAt } }`;
const BROADCAST_RECEIVED = `subscription Broadcasts($topic: ID!) { broadcastReceived(topic: $topic) { id topic body authorId } }`;

/** The same API and subscription behaviour on either set of stores. */
function directAndBroadcastSuite(openStores: () => Promise<{ stores: RealtimeStores; close(): Promise<void> }>): void {
  let target: Target;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const { stores, close } = await openStores();
    const { server, events } = await startRealtime(stores);
    target = { url: server.url, server };
    stop = async () => {
      await server.stop();
      await events.close();
      await close();
    };
  });
  afterAll(() => stop());

  const call = (identity: Identity, query: string, variables: Record<string, unknown>) => callSubgraph(target.url, { query, variables }, identity);
  const dm = async (from: Identity, toUserId: string, body: string, extra: Record<string, unknown> = {}) => {
    const { data, errors } = await call(from, SEND_DM, { input: { toUserId, body, ...extra } });
    expect(errors).toBeUndefined();
    return data.sendDirectMessage;
  };
  const conversation = async (identity: Identity, withUserId: string) => {
    const { data, errors } = await call(identity, DIRECT_MESSAGES, { withUserId });
    expect(errors).toBeUndefined();
    return data.directMessages.edges.map((edge: any) => edge.node.body);
  };
  /** Three users of one tenant. */
  const team = (): [Identity, Identity, Identity] => {
    const alice = testIdentity();
    return [alice, testIdentity({ tenantId: alice.tenantId }), testIdentity({ tenantId: alice.tenantId })];
  };

  it("delivers a direct message to its recipient only: not to a third user, not to another tenant's user of the same id", async () => {
    const [alice, bob, carol] = team();
    const bobElsewhere = testIdentity({ userId: bob.userId });
    const toBob = await subscribe(target, bob, DM_RECEIVED);
    const toCarol = await subscribe(target, carol, DM_RECEIVED);
    const toBobElsewhere = await subscribe(target, bobElsewhere, DM_RECEIVED);

    const sent = await dm(alice, bob.userId, "  psst  ", { documentId: "doc-1" });
    expect(sent).toMatchObject({ fromUserId: alice.userId, toUserId: bob.userId, body: "psst", document: { id: "doc-1" }, workflow: null });
    // Markers: had the first message leaked, it would have arrived before them.
    await dm(alice, carol.userId, "carol's own");
    await dm(testIdentity({ tenantId: bobElsewhere.tenantId }), bobElsewhere.userId, "elsewhere's own");

    expect(await toBob.waitFor(1)).toEqual([{ id: sent.id, fromUserId: alice.userId, toUserId: bob.userId, body: "psst", document: { id: "doc-1" } }]);
    expect((await toCarol.waitFor(1)).map((value) => value.body)).toEqual(["carol's own"]);
    expect((await toBobElsewhere.waitFor(1)).map((value) => value.body)).toEqual(["elsewhere's own"]);
    await Promise.all([toBob, toCarol, toBobElsewhere].map((received) => received.stop()));
    expect(toBob.values).toHaveLength(1);
  });

  it("keeps the conversation readable by its two users only, from either side, paged by cursor", async () => {
    const [alice, bob, carol] = team();
    await dm(alice, bob.userId, "one");
    await dm(bob, alice.userId, "two");
    await dm(alice, bob.userId, "three");
    await dm(alice, carol.userId, "not in this conversation");
    expect(await conversation(alice, bob.userId)).toEqual(["one", "two", "three"]);
    expect(await conversation(bob, alice.userId)).toEqual(["one", "two", "three"]);
    expect(await conversation(carol, alice.userId)).toEqual(["not in this conversation"]);
    expect(await conversation(carol, bob.userId)).toEqual([]);
    expect(await conversation(testIdentity({ userId: bob.userId }), alice.userId)).toEqual([]);

    const first = await call(bob, DIRECT_MESSAGES, { withUserId: alice.userId, first: 2 });
    expect(first.data.directMessages.edges.map((edge: any) => [edge.node.fromUserId, edge.node.toUserId])).toEqual([
      [alice.userId, bob.userId],
      [bob.userId, alice.userId],
    ]);
    expect(first.data.directMessages.pageInfo.hasNextPage).toBe(true);
    const rest = await call(bob, DIRECT_MESSAGES, { withUserId: alice.userId, after: first.data.directMessages.pageInfo.endCursor });
    expect(rest.data.directMessages.edges.map((edge: any) => edge.node.body)).toEqual(["three"]);
  });

  it("names the offending field of a bad direct message", async () => {
    const alice = testIdentity();
    const noRecipient = await call(alice, SEND_DM, { input: { toUserId: "  ", body: "hi" } });
    expect(noRecipient.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.toUserId" });
    const empty = await call(alice, SEND_DM, { input: { toUserId: "bob", body: " " } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.body" });
  });

  it("broadcasts to every user of the tenant on the topic, and to no other tenant", async () => {
    const [admin, bob, carol] = team();
    admin.roles = ["admin"];
    const otherAdmin = testIdentity({ roles: ["admin"] });
    const onBob = await subscribe(target, bob, BROADCAST_RECEIVED, { topic: "maintenance" });
    const onCarol = await subscribe(target, carol, BROADCAST_RECEIVED, { topic: "Maintenance" });
    const otherTopic = await subscribe(target, carol, BROADCAST_RECEIVED, { topic: "releases" });
    const elsewhere = await subscribe(target, testIdentity({ tenantId: otherAdmin.tenantId }), BROADCAST_RECEIVED, { topic: "maintenance" });

    const { data, errors } = await call(admin, BROADCAST, { input: { topic: "MAINTENANCE", body: "down at noon" } });
    expect(errors).toBeUndefined();
    expect(data.broadcast).toMatchObject({ topic: "maintenance", body: "down at noon", authorId: admin.userId });
    // Markers for the streams that must not have received it.
    await call(admin, BROADCAST, { input: { topic: "releases", body: "v2 is out" } });
    await call(otherAdmin, BROADCAST, { input: { topic: "maintenance", body: "elsewhere" } });

    const expected = [{ id: data.broadcast.id, topic: "maintenance", body: "down at noon", authorId: admin.userId }];
    expect(await onBob.waitFor(1)).toEqual(expected);
    expect(await onCarol.waitFor(1)).toEqual(expected);
    expect((await otherTopic.waitFor(1)).map((value) => value.body)).toEqual(["v2 is out"]);
    expect((await elsewhere.waitFor(1)).map((value) => value.body)).toEqual(["elsewhere"]);
    await Promise.all([onBob, onCarol, otherTopic, elsewhere].map((received) => received.stop()));
  });

  it("refuses a broadcast without the admin role as FORBIDDEN, and sends nothing", async () => {
    const [editor, listener] = team();
    const onListener = await subscribe(target, listener, BROADCAST_RECEIVED, { topic: "general" });
    const refused = await call(editor, BROADCAST, { input: { topic: "general", body: "hello all" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const admin = { ...editor, roles: ["admin"] };
    const badTopic = await call(admin, BROADCAST, { input: { topic: "no spaces", body: "x" } });
    expect(badTopic.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.topic" });
    await call(admin, BROADCAST, { input: { topic: "general", body: "marker" } });
    expect((await onListener.waitFor(1)).map((value) => value.body)).toEqual(["marker"]);
    await onListener.stop();
  });
}

describe("direct messages and broadcasts [in-process]", () => {
  directAndBroadcastSuite(async () => ({ stores: inProcessStores(), close: async () => {} }));
});

describeWithService("redis", "direct messages and broadcasts", (url) => {
  directAndBroadcastSuite(async () => {
    const prefix = `aiwf-test-${randomUUID()}`;
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    return {
      stores: {
        messages: new RedisMessageStore({ redis, keyPrefix: prefix }),
        presence: new RedisPresenceStore({ redis, keyPrefix: prefix }),
        fanout: new RedisFanout({ redis, logger: silent, keyPrefix: prefix }),
        sendLimiter: new RedisRateLimiter(redis, { limit: 10_000, windowSeconds: 60 }, prefix),
        senderLimiter: new RedisRateLimiter(redis, { limit: 10_000, windowSeconds: 60 }, prefix),
      },
      close: async () => {
        for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
          if (keys.length > 0) await redis.del(...keys);
        }
        await redis.quit();
      },
    };
  });
});
