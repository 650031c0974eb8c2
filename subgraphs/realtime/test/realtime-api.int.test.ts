import { createLogger } from "@aiwf/platform";
import { callSubgraph, TEST_INTERNAL_SECRET, testIdentity } from "@aiwf/platform/testkit";
import { InProcessEventBus } from "@aiwf/platform/events";
import { createApp } from "../src/app";
import { InProcessMessageStore } from "../src/store/in-process-message-store";
import { inProcessStores } from "./realtime-fixture";

type Running = Awaited<ReturnType<ReturnType<typeof createApp>["start"]>>;

/** The real in-process store, noting each stats batch so the test can see the batching. */
class StatsRecordingStore extends InProcessMessageStore {
  readonly statsBatches: string[][] = [];
  override channelStats(tenantId: string, channelIds: readonly string[]) {
    this.statsBatches.push([...channelIds]);
    return super.channelStats(tenantId, channelIds);
  }
}

const SEND = `mutation Send($input: SendMessageInput!) {
  sendMessage(input: $input) { id channelId authorId body sentAt document { id } workflow { id } }
}`;
const HISTORY = `query History($id: ID!, $first: Int, $after: String) {
  channel(id: $id) {
    id messageCount lastMessageAt
    messages(first: $first, after: $after) {
      totalCount edges { cursor node { id body document { id } } } pageInfo { hasNextPage endCursor }
    }
  }
}`;

describe("realtime subgraph API", () => {
  let server: Running;
  const store = new StatsRecordingStore();
  beforeAll(async () => {
    const app = createApp({
      ...inProcessStores({ messages: store }),
      events: new InProcessEventBus(),
      logger: createLogger({ service: "realtime", level: "silent" }),
      port: 0,
      host: "127.0.0.1",
      internalTokenSecret: TEST_INTERNAL_SECRET,
    });
    server = await app.start();
  });
  afterAll(() => server.stop());

  const call = (query: string, variables: Record<string, unknown>, identity: ReturnType<typeof testIdentity> | null) =>
    callSubgraph(server.url, { query, variables }, identity);
  const send = (identity: ReturnType<typeof testIdentity>, input: Record<string, unknown>) => call(SEND, { input }, identity);

  it("sends a message as the caller, sharing a document", async () => {
    const alice = testIdentity();
    const { data, errors } = await send(alice, { channelId: "General", body: "  read this  ", documentId: "doc-42" });
    expect(errors).toBeUndefined();
    expect(data.sendMessage).toMatchObject({ channelId: "general", authorId: alice.userId, body: "read this", document: { id: "doc-42" }, workflow: null });
    expect(Date.parse(data.sendMessage.sentAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("pages through a channel's history with cursors", async () => {
    const alice = testIdentity();
    for (const body of ["one", "two", "three", "four", "five"]) await send(alice, { channelId: "standup", body });
    const bodies: string[] = [];
    let after: string | null = null;
    let hasNextPage = true;
    while (hasNextPage) {
      const { data, errors } = await call(HISTORY, { id: "standup", first: 2, after }, alice);
      expect(errors).toBeUndefined();
      const { messages } = data.channel;
      expect(messages.totalCount).toBe(5);
      bodies.push(...messages.edges.map((edge: { node: { body: string } }) => edge.node.body));
      ({ hasNextPage, endCursor: after } = messages.pageInfo);
    }
    expect(bodies).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("reports a channel's stats and the documents its messages share", async () => {
    const alice = testIdentity();
    await send(alice, { channelId: "reviews", body: "plain" });
    const shared = await send(alice, { channelId: "reviews", body: "see doc", documentId: "doc-7", workflowId: "wf-3" });
    const { data } = await call(HISTORY, { id: "REVIEWS" }, alice);
    expect(data.channel).toMatchObject({ id: "reviews", messageCount: 2, lastMessageAt: shared.data.sendMessage.sentAt });
    expect(data.channel.messages.edges.map((edge: any) => edge.node.document)).toEqual([null, { id: "doc-7" }]);
    expect(data.channel.messages.edges[1].cursor).toBe(shared.data.sendMessage.id);
  });

  it("answers an unused channel as empty", async () => {
    const { data } = await call(HISTORY, { id: "quiet" }, testIdentity());
    expect(data.channel).toEqual({
      id: "quiet",
      messageCount: 0,
      lastMessageAt: null,
      messages: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it("refuses callers without the gateway's identity", async () => {
    const result = await call(HISTORY, { id: "general" }, null);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const sent = await send(null as never, { channelId: "general", body: "sneaky" });
    expect(sent.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("names the offending field of bad input", async () => {
    const alice = testIdentity();
    const badChannel = await send(alice, { channelId: "no spaces", body: "hi" });
    expect(badChannel.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.channelId" });
    const emptyBody = await send(alice, { channelId: "general", body: "   " });
    expect(emptyBody.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.body" });
    const tooLong = await send(alice, { channelId: "general", body: "x".repeat(4001) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: "PAYLOAD_TOO_LARGE", field: "input.body", limit: 4000 });
    const badQuery = await call(HISTORY, { id: "bad/name" }, alice);
    expect(badQuery.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const badCursor = await call(HISTORY, { id: "general", after: "not-a-cursor" }, alice);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    // Nothing invalid was stored.
    expect((await call(HISTORY, { id: "general" }, alice)).data.channel.messageCount).toBe(0);
  });

  it("shows each tenant only its own messages on a shared channel name", async () => {
    const [acme, globex] = [testIdentity(), testIdentity()];
    await send(acme, { channelId: "general", body: "acme secret" });
    await send(globex, { channelId: "general", body: "globex hello" });
    const acmeView = await call(HISTORY, { id: "general" }, acme);
    const globexView = await call(HISTORY, { id: "general" }, globex);
    expect(acmeView.data.channel.messages.edges.map((edge: any) => edge.node.body)).toEqual(["acme secret"]);
    expect(globexView.data.channel.messages.edges.map((edge: any) => edge.node.body)).toEqual(["globex hello"]);
  });

  it("resolves Channel entities for the gateway in one batch, null for ids that cannot be channels", async () => {
    const alice = testIdentity();
    await send(alice, { channelId: "ops", body: "deploying" });
    store.statsBatches.length = 0;
    const { data, errors } = await call(
      `query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Channel { id messageCount messages(first: 1) { edges { node { body } } } } }
      }`,
      { representations: [{ __typename: "Channel", id: "ops" }, { __typename: "Channel", id: "empty" }, { __typename: "Channel", id: "not a channel" }] },
      alice,
    );
    expect(errors).toBeUndefined();
    expect(store.statsBatches.at(-1)).toEqual(["ops", "empty"]);
    expect(data._entities).toEqual([
      { id: "ops", messageCount: 1, messages: { edges: [{ node: { body: "deploying" } }] } },
      { id: "empty", messageCount: 0, messages: { edges: [] } },
      null,
    ]);
  });

  it("publishes its federated SDL", async () => {
    const { data } = await call("{ _service { sdl } }", {}, testIdentity());
    expect(data._service.sdl).toMatch(/type Channel\s+@key\(fields: "id"\)/);
    expect(data._service.sdl).toMatch(/type Document\s+@key\(fields: "id", resolvable: false\)/);
    expect(data._service.sdl).toMatch(/type Workflow\s+@key\(fields: "id", resolvable: false\)/);
  });
});
