import { randomUUID } from "node:crypto";
import { conversationChannelId } from "../src/domain/direct-message";
import type { Message, NewMessage } from "../src/domain/message";
import { compareMessageIds } from "../src/domain/message-id";
import { RETENTION_SLACK, type MessageStore } from "../src/domain/message-store";

/** What the suite needs from an adapter; every store it hands out shares one backend. */
export interface MessageStoreFixture {
  store(options?: { retention?: number }): MessageStore;
  /** Independent clients of the same backend (separate connections where there are any). */
  writers(count: number): Promise<MessageStore[]>;
  close(): Promise<void>;
}

/** The one suite every MessageStore adapter passes. Each test uses fresh tenants. */
export function messageStoreContract(openFixture: () => Promise<MessageStoreFixture>): void {
  let fixture: MessageStoreFixture;
  let store: MessageStore;
  beforeAll(async () => {
    fixture = await openFixture();
    store = fixture.store();
  });
  afterAll(() => fixture.close());

  const newTenant = () => `contract-${randomUUID()}`;
  const note = (body: string, extra: Partial<NewMessage> = {}): NewMessage => ({ authorId: "ada", body, ...extra });
  async function send(target: MessageStore, tenant: string, channel: string, bodies: string[]): Promise<Message[]> {
    const sent: Message[] = [];
    for (const body of bodies) sent.push(await target.appendMessage(tenant, channel, note(body)));
    return sent;
  }
  const bodiesOf = (messages: Message[]) => messages.map((message) => message.body);
  const numbered = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `m${from + i}`);

  it("returns what was sent, in the order it was sent, with increasing ids", async () => {
    const tenant = newTenant();
    const before = Date.now();
    const first = await store.appendMessage(tenant, "general", note("hello", { documentId: "doc-1" }));
    const second = await store.appendMessage(tenant, "general", note("again", { workflowId: "wf-1" }));
    expect(first).toMatchObject({ channelId: "general", authorId: "ada", body: "hello", documentId: "doc-1" });
    expect(first.workflowId).toBeUndefined();
    expect(second).toMatchObject({ body: "again", workflowId: "wf-1" });
    expect(second.documentId).toBeUndefined();
    expect(compareMessageIds(first.id, second.id)).toBeLessThan(0);
    // Redis stamps ids with its own clock; allow for a little skew from ours.
    expect(first.sentAt.getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(first.sentAt.getTime()).toBeLessThanOrEqual(Date.now() + 5000);

    const page = await store.readMessages(tenant, "general", { first: 10 });
    expect(page).toEqual({ messages: [first, second], hasMore: false });
  });

  it("reads an unknown channel as empty", async () => {
    const tenant = newTenant();
    expect(await store.readMessages(tenant, "nobody-here", { first: 10 })).toEqual({ messages: [], hasMore: false });
    expect(await store.readMessages(tenant, "nobody-here", { last: 10 })).toEqual({ messages: [], hasMore: false });
    expect(await store.channelStats(tenant, ["nobody-here"])).toEqual([{ channelId: "nobody-here", messageCount: 0, lastMessageAt: null }]);
  });

  it("pages forward through history by cursor without gaps or duplicates", async () => {
    const tenant = newTenant();
    await send(store, tenant, "paging", numbered(23));
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; ; pages++) {
      const page = await store.readMessages(tenant, "paging", after === undefined ? { first: 5 } : { after, first: 5 });
      seen.push(...bodiesOf(page.messages));
      expect(page.hasMore).toBe(seen.length < 23);
      if (!page.hasMore) break;
      after = page.messages.at(-1)!.id;
      expect(pages).toBeLessThan(5);
    }
    expect(seen).toEqual(numbered(23));
  });

  it("ends a page exactly at the last message without claiming more", async () => {
    const tenant = newTenant();
    const sent = await send(store, tenant, "exact", numbered(4));
    expect(await store.readMessages(tenant, "exact", { first: 4 })).toMatchObject({ hasMore: false });
    expect(await store.readMessages(tenant, "exact", { after: sent[3]!.id, first: 4 })).toEqual({ messages: [], hasMore: false });
  });

  it("pages backward from the newest, each page oldest to newest", async () => {
    const tenant = newTenant();
    const sent = await send(store, tenant, "scrollback", numbered(7));
    const newest = await store.readMessages(tenant, "scrollback", { last: 3 });
    expect(newest).toEqual({ messages: sent.slice(4), hasMore: true });
    const older = await store.readMessages(tenant, "scrollback", { before: sent[4]!.id, last: 3 });
    expect(older).toEqual({ messages: sent.slice(1, 4), hasMore: true });
    expect(await store.readMessages(tenant, "scrollback", { before: sent[1]!.id, last: 3 })).toEqual({ messages: [sent[0]], hasMore: false });
  });

  it("counts messages and knows the last one's time, for many channels at once", async () => {
    const tenant = newTenant();
    await send(store, tenant, "one", ["a"]);
    const [, last] = await send(store, tenant, "two", ["b", "c"]);
    const stats = await store.channelStats(tenant, ["two", "empty", "one"]);
    expect(stats.map(({ channelId, messageCount }) => [channelId, messageCount])).toEqual([["two", 2], ["empty", 0], ["one", 1]]);
    expect(stats[0]!.lastMessageAt).toEqual(last!.sentAt);
    expect(stats[1]!.lastMessageAt).toBeNull();
    expect(await store.channelStats(tenant, [])).toEqual([]);
  });

  it("keeps only the newest messages beyond its retention, as an unbroken tail", async () => {
    const tenant = newTenant();
    const retention = 10;
    const capped = fixture.store({ retention });
    const sent = await send(capped, tenant, "capped", numbered(retention + RETENTION_SLACK + 50));
    const [{ messageCount } = { messageCount: -1 }] = await capped.channelStats(tenant, ["capped"]);
    expect(messageCount).toBeGreaterThanOrEqual(retention);
    expect(messageCount).toBeLessThanOrEqual(retention + RETENTION_SLACK);
    const kept = await capped.readMessages(tenant, "capped", { first: retention + RETENTION_SLACK });
    expect(kept.messages).toEqual(sent.slice(-messageCount));
    // A cursor from before the retained history resumes at the oldest message kept.
    const resumed = await capped.readMessages(tenant, "capped", { after: sent[0]!.id, first: 1 });
    expect(resumed.messages).toEqual([kept.messages[0]]);
  });

  it("says where retained history starts once retention has dropped messages", async () => {
    const tenant = newTenant();
    const capped = fixture.store({ retention: 10 });
    await send(capped, tenant, "short", numbered(5));
    expect(await capped.truncatedBefore(tenant, "short")).toBeUndefined();
    expect(await capped.truncatedBefore(tenant, "never-used")).toBeUndefined();
    await send(capped, tenant, "short", numbered(10 + RETENTION_SLACK + 50, 5));
    const oldestKept = (await capped.readMessages(tenant, "short", { first: 1 })).messages[0]!.id;
    expect(await capped.truncatedBefore(tenant, "short")).toBe(oldestKept);
    expect(await capped.truncatedBefore(newTenant(), "short")).toBeUndefined();
  });

  it("keeps tenants apart even on channels with the same name", async () => {
    const [acme, globex] = [newTenant(), newTenant()];
    await send(store, acme, "general", ["acme only"]);
    await send(store, globex, "general", ["globex 1", "globex 2"]);
    expect(bodiesOf((await store.readMessages(acme, "general", { first: 10 })).messages)).toEqual(["acme only"]);
    expect(bodiesOf((await store.readMessages(globex, "general", { first: 10 })).messages)).toEqual(["globex 1", "globex 2"]);
    expect((await store.channelStats(acme, ["general"]))[0]!.messageCount).toBe(1);
  });

  it("keeps tenants apart even when a tenant id contains separators", async () => {
    const base = newTenant();
    await send(store, `${base}:channel:general`, "x", ["tricky"]);
    expect((await store.readMessages(base, "general", { first: 10 })).messages).toEqual([]);
    expect(bodiesOf((await store.readMessages(`${base}:channel:general`, "x", { first: 10 })).messages)).toEqual(["tricky"]);
  });

  it("keeps direct conversations apart from channels, from other pairs and from other tenants", async () => {
    const [acme, globex] = [newTenant(), newTenant()];
    const adaBob = conversationChannelId("ada", "b:ob");
    await store.appendMessage(acme, adaBob, note("to bob"));
    await store.appendMessage(acme, conversationChannelId("ada:b", "ob"), note("other pair"));
    await store.appendMessage(globex, adaBob, note("other tenant"));
    expect(bodiesOf((await store.readMessages(acme, conversationChannelId("b:ob", "ada"), { first: 10 })).messages)).toEqual(["to bob"]);
    expect((await store.readMessages(acme, "ada", { first: 10 })).messages).toEqual([]);
    expect((await store.channelStats(globex, [adaBob]))[0]!.messageCount).toBe(1);
  });

  it("records every message of many concurrent writers exactly once, in one order", async () => {
    const tenant = newTenant();
    const writers = await fixture.writers(8);
    const perWriter = 25;
    const sent = await Promise.all(
      writers.map((writer, w) => Promise.all(numbered(perWriter).map((body) => writer.appendMessage(tenant, "busy", note(`w${w}-${body}`))))),
    );
    const page = await store.readMessages(tenant, "busy", { first: 200 });
    expect(page.hasMore).toBe(false);
    const ids = page.messages.map((message) => message.id);
    expect(new Set(ids).size).toBe(writers.length * perWriter);
    expect([...ids].sort(compareMessageIds)).toEqual(ids);
    expect(new Set(bodiesOf(page.messages))).toEqual(new Set(sent.flat().map((message) => message.body)));
    expect(new Set(sent.flat().map((message) => message.id))).toEqual(new Set(ids));
  });
}
