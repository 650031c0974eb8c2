import { createLogger, type RunningServer } from "@aiwf/platform";
import {
  createEnvelope,
  InMemoryProcessedEventLog,
  InProcessEventBus,
  RedisProcessedEventLog,
  RedisStreamsEventBus,
  type EventBus,
  type ProcessedEventLog,
} from "@aiwf/platform/events";
import { callSubgraph, describeWithService, testIdentity } from "@aiwf/platform/testkit";
import Redis from "ioredis";
import { randomUUID } from "node:crypto";
import { createApp } from "../src/app";
import { EmbeddedGraphStore } from "../src/store/embedded-graph-store";

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const DOCUMENT_CONCEPTS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Document { id concepts { name importance community documents { id } } } }
}`;

interface Bus {
  bus: EventBus;
  processedEvents: ProcessedEventLog;
  dispose(): Promise<void>;
}

function documentEventsSuite(createBus: () => Bus): void {
  let bus: Bus;
  let server: RunningServer;
  beforeAll(async () => {
    bus = createBus();
    server = await createApp({
      store: await EmbeddedGraphStore.open(),
      events: bus.bus,
      processedEvents: bus.processedEvents,
      logger: createLogger({ service: "knowledge-graph", level: "silent" }),
      port: 0,
      host: "127.0.0.1",
      internalTokenSecret: "test-internal-secret-with-at-least-32-chars",
      metricsDebounceMs: 20,
    }).start();
  });
  afterAll(async () => {
    await server?.stop();
    await bus?.dispose();
  });

  it("links a processed document's concepts, ranks them, and unlinks them when it is deleted", async () => {
    const caller = testIdentity();
    const documentId = randomUUID();
    const conceptsOf = async () => {
      const result = await callSubgraph(server.url, { query: DOCUMENT_CONCEPTS, variables: { representations: [{ __typename: "Document", id: documentId }] } }, caller);
      return result.data._entities[0].concepts as Array<{ name: string; importance: number | null; documents: Array<{ id: string }> }>;
    };
    const payload = { documentId, title: "Intro to graphs", candidateConcepts: [{ name: "Graphs", score: 0.9 }, { name: "Trees", score: 0.4 }] };
    const envelope = createEnvelope("content.document.processed", caller.tenantId, payload);
    await bus.bus.publishEnvelope(envelope);

    const linked = await waitFor(conceptsOf, (concepts) => concepts.length === 2 && concepts.every((concept) => concept.importance !== null), "ranked concepts");
    expect(linked.map((concept) => concept.name)).toEqual(["Graphs", "Trees"]);
    expect(linked[0]!.documents).toEqual([{ id: documentId }]);
    expect(linked[0]!.importance).toBeCloseTo(0.5, 6);

    // The same event again (a relay retry) and a new event with the same content.
    await bus.bus.publishEnvelope(envelope);
    await bus.bus.publish("content.document.processed", caller.tenantId, payload);
    const marker = randomUUID();
    await bus.bus.publish("content.document.processed", caller.tenantId, { documentId: marker, title: "marker", candidateConcepts: [{ name: "Marker", score: 1 }] });
    // Events of a topic are handled in order: once the marker is in, the duplicates were handled.
    const count = async (search: string) => (await callSubgraph(server.url, { query: `query($search: String) { concepts(search: $search) { totalCount } }`, variables: { search } }, caller)).data.concepts.totalCount;
    await waitFor(() => count("marker"), (total) => total === 1, "the marker");
    expect(await count("graphs")).toBe(1);
    expect(await count("trees")).toBe(1);
    expect((await conceptsOf()).map((concept) => concept.name)).toEqual(["Graphs", "Trees"]);

    await bus.bus.publish("content.document.deleted", caller.tenantId, { documentId });
    await waitFor(conceptsOf, (concepts) => concepts.length === 0, "the unlinked document");
  });
}

describe("document events [in-process bus]", () => {
  documentEventsSuite(() => {
    const bus = new InProcessEventBus();
    return { bus, processedEvents: new InMemoryProcessedEventLog(), dispose: () => bus.close() };
  });
});

describeWithService("redis", "document events [Redis Streams bus]", (url: string) => {
  documentEventsSuite(() => {
    const prefix = `aiwf:test:knowledge:${randomUUID()}:`;
    const bus = new RedisStreamsEventBus({ connection: url, keyPrefix: `${prefix}events:`, defaults: { retryDelayMs: 5 } });
    const processedEvents = new RedisProcessedEventLog({ connection: url, keyPrefix: `${prefix}processed:` });
    return {
      bus,
      processedEvents,
      dispose: async () => {
        await bus.close();
        await processedEvents.close();
        const redis = new Redis(url);
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      },
    };
  });
});
