import Redis from "ioredis";
import { describeWithService } from "../testkit/services";
import { TOPIC, processed, tenant } from "./contract-fixtures";
import { createRedisFixture, type RedisEventBusFixture } from "./redis-test-fixture";
import { waitFor } from "./wait-for";

/** What only a bus spread over processes can do wrong: dead consumers, foreign entries, shared connections. */
describeWithService("redis", "RedisStreamsEventBus across processes", (url) => {
  let fixture: RedisEventBusFixture;
  let redis: Redis;
  let stream: string;
  beforeEach(() => {
    fixture = createRedisFixture(url);
    redis = new Redis(url);
    stream = fixture.streamKey(TOPIC);
  });
  afterEach(async () => {
    await fixture.dispose();
    await redis.quit();
  });

  /** A consumer of another process reads an entry, then dies without acknowledging it. */
  async function readByDeadConsumer(): Promise<{ eventId: string; entryId: string }> {
    await redis.xgroup("CREATE", stream, "indexer", "0", "MKSTREAM");
    const eventId = await fixture.bus.publish(TOPIC, tenant(), processed());
    const reply = (await redis.xreadgroup("GROUP", "indexer", "crashed", "COUNT", 10, "STREAMS", stream, ">")) as [string, [string][]][];
    return { eventId, entryId: reply[0][1][0][0] };
  }
  const pendingCount = async () => Number(((await redis.xpending(stream, "indexer")) as [number])[0]);

  it("reclaims the events of a consumer that died without acknowledging them", async () => {
    const { eventId } = await readByDeadConsumer();
    const handled: [string, number][] = [];
    await fixture.bus.subscribe(TOPIC, "indexer", (event, delivery) => void handled.push([event.id, delivery.deliveries]), {
      claimIdleMs: 200,
    });

    await waitFor(() => handled.length === 1, 5_000, "the reclaimed event");
    expect(handled).toEqual([[eventId, 2]]);
    await waitFor(async () => (await pendingCount()) === 0, 5_000, "the acknowledgement");
  });

  it("dead-letters, without another attempt, an event whose consumers kept dying", async () => {
    const { eventId, entryId } = await readByDeadConsumer();
    // Two more processes took it over and died too.
    for (const consumer of ["crashed-again", "crashed-once-more"]) await redis.xclaim(stream, "indexer", consumer, 0, entryId);
    let attempts = 0;
    await fixture.bus.subscribe(TOPIC, "indexer", () => void (attempts += 1), { maxDeliveries: 3, claimIdleMs: 200 });

    await waitFor(async () => (await fixture.bus.deadLetters(TOPIC)).length === 1, 5_000, "the dead letter");
    const [letter] = await fixture.bus.deadLetters(TOPIC);
    expect(letter).toMatchObject({ group: "indexer", deliveries: 4, envelope: { id: eventId } });
    expect(attempts).toBe(0);
    expect(await pendingCount()).toBe(0);
  });

  it("dead-letters a malformed entry and goes on with the next event", async () => {
    const handled: string[] = [];
    await fixture.bus.subscribe(TOPIC, "indexer", (event) => void handled.push(event.id));
    await redis.xadd(stream, "*", "envelope", "{not json");
    const id = await fixture.bus.publish(TOPIC, tenant(), processed());

    await waitFor(() => handled.length === 1, 5_000, "the valid event");
    expect(handled).toEqual([id]);
    const dead = (await redis.xrange(`${stream}.dead`, "-", "+")) as [string, string[]][];
    expect(dead).toHaveLength(1);
    expect(dead[0][1]).toEqual(expect.arrayContaining(["envelope", "{not json", "group", "indexer"]));
  });

  it("blocks each subscription on its own connection, so publishing never waits behind it", async () => {
    const subscription = await fixture.bus.subscribe(TOPIC, "indexer", () => {}, { claimIdleMs: 60_000 });
    const blockedReaders = async () =>
      (await redis.client("LIST") as string).split("\n").filter((line) => line.includes("name=events:indexer:") && line.includes("cmd=xreadgroup"));
    await waitFor(async () => (await blockedReaders()).length === 1, 5_000, "the blocking read");

    let started = Date.now();
    await fixture.bus.publish(TOPIC, tenant(), processed());
    expect(Date.now() - started).toBeLessThan(500);

    await waitFor(async () => (await blockedReaders()).length === 1, 5_000, "the next blocking read");
    started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("removes its consumer from the group on close when it owns no pending event", async () => {
    const handled: string[] = [];
    const subscription = await fixture.bus.subscribe(TOPIC, "indexer", (event) => void handled.push(event.id));
    await fixture.bus.publish(TOPIC, tenant(), processed());
    await waitFor(() => handled.length === 1, 5_000, "the event");
    // Redis 7.0 creates a consumer on its first delivered entry (7.2 on its first read).
    expect(await redis.xinfo("CONSUMERS", stream, "indexer")).toHaveLength(1);
    await subscription.close();
    expect(await redis.xinfo("CONSUMERS", stream, "indexer")).toEqual([]);
  });
});
