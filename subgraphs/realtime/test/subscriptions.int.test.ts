import { callSubgraph, testIdentity } from "@aiwf/platform/testkit";
import { InProcessEventBus } from "@aiwf/platform/events";
import type { Identity } from "@aiwf/platform";
import { InProcessMessageStore } from "../src/store/in-process-message-store";
import { InProcessRateLimiter } from "../src/store/in-process-rate-limiter";
import { startRealtime, subscribe, until, type Target } from "./realtime-fixture";

const SEND = `mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id body } }`;
const MESSAGE_ADDED = `subscription Messages($channelId: ID!, $after: String) {
  messageAdded(channelId: $channelId, after: $after) { historyTruncated message { id body channelId document { id } } }
}`;
const RUN_UPDATED = `subscription Runs($runId: ID, $workflowId: ID) {
  workflowRunUpdated(runId: $runId, workflowId: $workflowId) { eventId status run { id } step { nodeId status attempt } sequence occurredAt }
}`;
const PRESENCE_CHANGED = `subscription Presence($channelId: ID!) { presenceChanged(channelId: $channelId) { kind channelId userId } }`;

describe("realtime subscriptions (in-process stores and bus)", () => {
  let url: string;
  let target: Target;
  let events: InProcessEventBus;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    events = new InProcessEventBus();
    const started = await startRealtime({
      events,
      // Small retention, so the truncation test can outrun it.
      messages: new InProcessMessageStore({ retention: 20 }),
      presenceTtlMs: 1000,
    });
    url = started.url;
    target = started;
    stop = started.server.stop;
  });
  afterAll(async () => {
    await stop();
    await events.close();
  });

  const send = async (identity: Identity, channelId: string, body: string) => {
    const { data, errors } = await callSubgraph(url, { query: SEND, variables: { input: { channelId, body } } }, identity);
    expect(errors).toBeUndefined();
    return data.sendMessage as { id: string; body: string };
  };
  const bodies = (values: any[]) => values.map((value) => value.message.body);

  it("streams messages live, then resumes after a disconnect with exactly the missed ones, then live ones", async () => {
    const alice = testIdentity();
    const first = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "General" });
    await send(alice, "general", "one");
    await send(alice, "general", "two");
    const seen = await first.waitFor(2);
    expect(bodies(seen)).toEqual(["one", "two"]);
    expect(seen.every((value) => value.historyTruncated === false && value.message.channelId === "general")).toBe(true);
    const cursor = seen[1].message.id;
    await first.stop();

    for (const body of ["three", "four", "five"]) await send(alice, "general", body);
    const resumed = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "general", after: cursor });
    await resumed.waitFor(3);
    await send(alice, "general", "six");
    await resumed.waitFor(4);
    expect(bodies(resumed.values)).toEqual(["three", "four", "five", "six"]);
    expect(new Set(resumed.values.map((value) => value.message.id)).size).toBe(4);
    await resumed.stop();
  });

  it("has no gap and no duplicate when messages arrive while the replay runs", async () => {
    const alice = testIdentity();
    const start = await send(alice, "busy", "start");
    for (let i = 0; i < 30; i++) await send(alice, "busy", `old-${i}`);
    const sending = (async () => {
      for (let i = 0; i < 30; i++) await send(alice, "busy", `new-${i}`);
    })();
    const resumed = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "busy", after: start.id });
    await sending;
    // 20 retained of 61; the cursor is older than that, so the stream says history was truncated.
    await until(() => resumed.values.at(-1)?.message.body === "new-29", "the last message");
    const ids = resumed.values.map((value) => value.message.id);
    expect(new Set(ids).size).toBe(ids.length);
    const received = bodies(resumed.values);
    expect(received.slice(received.indexOf("new-0"))).toEqual(Array.from({ length: 30 }, (_, i) => `new-${i}`));
    await resumed.stop();
  });

  it("flags a resume whose cursor is older than the retained history", async () => {
    const alice = testIdentity();
    const oldest = await send(alice, "archive", "first ever");
    for (let i = 0; i < 25; i++) await send(alice, "archive", `m${i}`);
    const resumed = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "archive", after: oldest.id });
    const values = await resumed.waitFor(20);
    expect(values[0].historyTruncated).toBe(true);
    expect(values.slice(1).some((value) => value.historyTruncated)).toBe(false);
    expect(bodies(values)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 5}`));
    await resumed.stop();

    const recent = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "archive", after: values[18].message.id });
    expect((await recent.waitFor(1))[0]).toMatchObject({ historyTruncated: false, message: { body: "m24" } });
    await recent.stop();
  });

  it("keeps tenants apart on the same channel name and the same run id", async () => {
    const [acme, globex] = [testIdentity(), testIdentity()];
    const acmeMessages = await subscribe(target, acme, MESSAGE_ADDED, { channelId: "general" });
    const globexMessages = await subscribe(target, globex, MESSAGE_ADDED, { channelId: "general" });
    const acmeRuns = await subscribe(target, acme, RUN_UPDATED, { runId: "run-1" });
    const globexRuns = await subscribe(target, globex, RUN_UPDATED, { runId: "run-1" });
    await send(globex, "general", "globex only");
    await send(acme, "general", "acme only");
    await events.publish("workflow.run.updated", globex.tenantId, { runId: "run-1", workflowId: "wf", status: "RUNNING" });
    await events.publish("workflow.run.updated", acme.tenantId, { runId: "run-1", workflowId: "wf", status: "SUCCEEDED" });
    await acmeMessages.waitFor(1);
    await globexMessages.waitFor(1);
    await acmeRuns.waitFor(1);
    await globexRuns.waitFor(1);
    // Each tenant's second event would have arrived by now if it leaked: a marker proves the stream moved on.
    await send(acme, "general", "acme marker");
    await acmeMessages.waitFor(2);
    expect(bodies(acmeMessages.values)).toEqual(["acme only", "acme marker"]);
    expect(bodies(globexMessages.values)).toEqual(["globex only"]);
    expect(acmeRuns.values.map((value) => value.status)).toEqual(["SUCCEEDED"]);
    expect(globexRuns.values.map((value) => value.status)).toEqual(["RUNNING"]);
    await Promise.all([acmeMessages, globexMessages, acmeRuns, globexRuns].map((received) => received.stop()));
  });

  it("streams workflow run updates from the bus, by run or by workflow", async () => {
    const alice = testIdentity();
    const byRun = await subscribe(target, alice, RUN_UPDATED, { runId: "run-7" });
    const byWorkflow = await subscribe(target, alice, RUN_UPDATED, { workflowId: "wf-7" });
    const id = await events.publish("workflow.run.updated", alice.tenantId, {
      runId: "run-7",
      workflowId: "wf-7",
      status: "RUNNING",
      step: "fetch",
      stepStatus: "SUCCEEDED",
      attempt: 2,
      sequence: 4,
    });
    await events.publish("workflow.run.updated", alice.tenantId, { runId: "run-8", workflowId: "wf-7", status: "QUEUED" });
    await events.publish("workflow.run.updated", alice.tenantId, { runId: "run-7", workflowId: "wf-7", status: "SUCCEEDED" });
    await byRun.waitFor(2);
    await byWorkflow.waitFor(3);
    expect(byRun.values[0]).toEqual({ eventId: id, status: "RUNNING", run: { id: "run-7" }, step: { nodeId: "fetch", status: "SUCCEEDED", attempt: 2 }, sequence: 4, occurredAt: expect.any(String) });
    expect(byRun.values[1]).toMatchObject({ step: null, sequence: null });
    expect(byRun.values.map((value) => value.status)).toEqual(["RUNNING", "SUCCEEDED"]);
    expect(byWorkflow.values.map((value) => value.run.id)).toEqual(["run-7", "run-8", "run-7"]);
    await Promise.all([byRun.stop(), byWorkflow.stop()]);
  });

  it("refuses workflowRunUpdated without exactly one of runId and workflowId", async () => {
    const alice = testIdentity();
    const neither = await subscribe(target, alice, RUN_UPDATED, {});
    await neither.waitForEnd();
    expect(neither.error?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "runId" });
    const both = await subscribe(target, alice, RUN_UPDATED, { runId: "r", workflowId: "w" });
    await both.waitForEnd();
    expect(both.error?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "workflowId" });
  });

  it("streams processed documents as references", async () => {
    const alice = testIdentity();
    const documents = await subscribe(target, alice, `subscription { documentProcessed { document { id } title } }`);
    await events.publish("content.document.processed", testIdentity().tenantId, { documentId: "elsewhere", title: "Not yours", candidateConcepts: [] });
    await events.publish("content.document.processed", alice.tenantId, { documentId: "doc-1", title: "Graphs", candidateConcepts: [] });
    expect(await documents.waitFor(1)).toEqual([{ document: { id: "doc-1" }, title: "Graphs" }]);
    await documents.stop();
  });

  it("announces joins, leaves and expiry, and lists who is present", async () => {
    const [alice, bob] = [testIdentity(), testIdentity()];
    bob.tenantId = alice.tenantId;
    const watcher = await subscribe(target, alice, PRESENCE_CHANGED, { channelId: "lobby" });
    const call = (identity: Identity, query: string) => callSubgraph(url, { query }, identity);
    const joined = await call(alice, `mutation { joinChannel(channelId: "Lobby") { channelId userId lastSeenAt expiresAt } }`);
    expect(joined.data.joinChannel).toMatchObject({ channelId: "lobby", userId: alice.userId });
    expect(Date.parse(joined.data.joinChannel.expiresAt) - Date.parse(joined.data.joinChannel.lastSeenAt)).toBe(1000);
    await call(bob, `mutation { joinChannel(channelId: "lobby") { userId } }`);
    const present = await call(alice, `{ channel(id: "lobby") { presence { userId } } }`);
    expect(present.data.channel.presence.map((member: any) => member.userId).sort()).toEqual([alice.userId, bob.userId].sort());
    expect((await call(bob, `mutation { leaveChannel(channelId: "lobby") }`)).data.leaveChannel).toBe(true);
    expect((await call(bob, `mutation { leaveChannel(channelId: "lobby") }`)).data.leaveChannel).toBe(false);
    // Alice sends no heartbeat: the sweep expires her.
    await watcher.waitFor(4);
    expect(watcher.values).toEqual([
      { kind: "JOINED", channelId: "lobby", userId: alice.userId },
      { kind: "JOINED", channelId: "lobby", userId: bob.userId },
      { kind: "LEFT", channelId: "lobby", userId: bob.userId },
      { kind: "EXPIRED", channelId: "lobby", userId: alice.userId },
    ]);
    expect((await call(alice, `{ channel(id: "lobby") { presence { userId } } }`)).data.channel.presence).toEqual([]);
    // Another tenant's lobby is a different room.
    expect((await call(testIdentity(), `{ channel(id: "lobby") { presence { userId } } }`)).data.channel.presence).toEqual([]);
    await watcher.stop();
  });

  it("reports its open subscriptions to Prometheus", async () => {
    const gauge = async () => {
      const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
      return Number(/^realtime_open_subscriptions\{service="realtime"\} (\d+)$/m.exec(text)?.[1]);
    };
    const before = await gauge();
    const watching = await subscribe(target, testIdentity(), MESSAGE_ADDED, { channelId: "metered" });
    expect(await gauge()).toBe(before + 1);
    await watching.stop();
    expect(await gauge()).toBe(before);
  });

  it("unsubscribes promptly from an idle stream", async () => {
    const alice = testIdentity();
    const idle = await subscribe(target, alice, MESSAGE_ADDED, { channelId: "quiet" });
    await idle.stop();
    // The listener is gone: a later message reaches nobody and nothing throws.
    await send(alice, "quiet", "after");
  });
});

describe("sending rate limit", () => {
  it("answers RATE_LIMITED with retryAfterSeconds once a tenant's budget is spent, without touching other tenants", async () => {
    const { url, server, events } = await startRealtime({ sendLimiter: new InProcessRateLimiter({ limit: 3, windowSeconds: 60 }) });
    try {
      const [acme, globex] = [testIdentity(), testIdentity()];
      const sendAs = (identity: Identity) => callSubgraph(url, { query: SEND, variables: { input: { channelId: "general", body: "hi" } } }, identity);
      for (let i = 0; i < 3; i++) expect((await sendAs(acme)).errors).toBeUndefined();
      const limited = await sendAs(acme);
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 20 });
      expect((await sendAs(globex)).errors).toBeUndefined();
      const history = await callSubgraph(url, { query: `{ channel(id: "general") { messageCount } }` }, acme);
      expect(history.data.channel.messageCount).toBe(3);
    } finally {
      await server.stop();
      await events.close();
    }
  });

  it("limits each sender inside the tenant's budget, so one noisy user does not lock out the others", async () => {
    const { url, server, events } = await startRealtime({
      sendLimiter: new InProcessRateLimiter({ limit: 4, windowSeconds: 60 }),
      senderLimiter: new InProcessRateLimiter({ limit: 2, windowSeconds: 60 }),
    });
    try {
      const alice = testIdentity();
      const [bob, carol] = [testIdentity({ tenantId: alice.tenantId }), testIdentity({ tenantId: alice.tenantId })];
      const sendAs = (identity: Identity) => callSubgraph(url, { query: SEND, variables: { input: { channelId: "general", body: "hi" } } }, identity);
      for (let i = 0; i < 2; i++) expect((await sendAs(alice)).errors).toBeUndefined();
      expect((await sendAs(alice)).errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", scope: "SENDER", retryAfterSeconds: 30 });
      for (let i = 0; i < 2; i++) expect((await sendAs(bob)).errors).toBeUndefined();
      // Alice and Bob spent the tenant's four: Carol, with her own budget untouched, meets the tenant's.
      expect((await sendAs(carol)).errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", scope: "TENANT" });
      const history = await callSubgraph(url, { query: `{ channel(id: "general") { messageCount } }` }, alice);
      expect(history.data.channel.messageCount).toBe(4);
    } finally {
      await server.stop();
      await events.close();
    }
  });
});
