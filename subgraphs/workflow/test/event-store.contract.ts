import { randomUUID } from "node:crypto";
import { isDomainError } from "@aiwf/platform";
import { LOG_START, NO_STREAM, type AppendResult, type EventStore, type LogCheckpoint, type LoggedEvent, type NewEvent } from "../src/domain/event-store";
import { createWorkflowEvents, workflowStreamId } from "../src/domain/workflow";
import type { WorkflowReadModel } from "../src/domain/workflow-read-model";

/** A transaction of the adapter's, left open until `commit`: what a slow writer looks like. */
export interface OpenTransaction {
  /** Makes the transaction take its id now, before it writes anything. */
  takeTransactionId(): Promise<void>;
  append(tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult>;
  commit(): Promise<void>;
}

export interface EventStoreFixture {
  events: EventStore;
  workflows: WorkflowReadModel;
  /**
   * Opens a transaction. Where transactions run one at a time (PGlite), every other append and
   * read waits until it commits.
   */
  openTransaction(): Promise<OpenTransaction>;
  close(): Promise<void>;
}

export interface AdapterCapabilities {
  /** Whether a second transaction can commit while one is open (a server: yes; PGlite: no). */
  concurrentTransactions: boolean;
}

const event = (type: string, n: number): NewEvent => ({ type, data: { n }, metadata: { by: "contract" } });

async function conflictOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/** The tenant's part of the whole log after `from`, read page by page as a projection would. */
async function readLog(events: EventStore, tenantId: string, from: LogCheckpoint = LOG_START, pageSize = 500) {
  const read: LoggedEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await events.readAllForward(checkpoint, pageSize);
    read.push(...page.events.filter((event) => event.tenantId === tenantId));
    checkpoint = page.checkpoint;
    if (page.events.length < pageSize) return { read, checkpoint };
  }
}

/**
 * Reads until the tenant has `count` events in the log. The reader waits for every transaction
 * older than the newest it returns, and on a shared server that includes other tests' (and
 * other databases') transactions: settled ones show up after a short while, never out of order.
 */
async function readLogUntil(events: EventStore, tenantId: string, count: number, from: LogCheckpoint = LOG_START) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await readLog(events, tenantId, from);
    if (result.read.length >= count || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  // Long enough for an append that did not have to wait to finish on any machine.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return done;
};

/**
 * What every EventStore adapter must do, with the workflow projection it keeps inline.
 * Each test works in its own tenant, so suites may share a database and run concurrently.
 */
export function eventStoreContract(open: () => Promise<EventStoreFixture>, capabilities: AdapterCapabilities): void {
  let fixture: EventStoreFixture;
  let tenantId: string;
  const stream = () => `contract-${randomUUID()}`;

  beforeAll(async () => {
    fixture = await open();
  });
  afterAll(() => fixture?.close());
  beforeEach(() => {
    tenantId = `tenant-${randomUUID()}`;
  });

  it("appends to a new stream and reads the events back in order with versions, positions and times", async () => {
    const streamId = stream();
    const result = await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("A", 1), event("B", 2)]);
    expect(result.nextVersion).toBe(2);
    expect(result.positions).toHaveLength(2);
    expect(result.positions[1]! > result.positions[0]!).toBe(true);

    const read = await fixture.events.readStream(tenantId, streamId);
    expect(read.map((e) => [e.type, e.version, e.data, e.metadata])).toEqual([
      ["A", 1, { n: 1 }, { by: "contract" }],
      ["B", 2, { n: 2 }, { by: "contract" }],
    ]);
    expect(read.map((e) => e.position)).toEqual(result.positions);
    expect(read[0]!.recordedAt).toBeInstanceOf(Date);
    expect(read[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("continues a stream from its current version and reads from a given version", async () => {
    const streamId = stream();
    const first = await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("A", 1)]);
    const second = await fixture.events.appendToStream(tenantId, streamId, first.nextVersion, [event("B", 2), event("C", 3)]);
    expect(second.nextVersion).toBe(3);
    expect((await fixture.events.readStream(tenantId, streamId, 2)).map((e) => e.type)).toEqual(["B", "C"]);
  });

  it("reads an unknown stream as empty", async () => {
    expect(await fixture.events.readStream(tenantId, stream())).toEqual([]);
  });

  it.each([
    ["behind the stream", 1],
    ["ahead of the stream", 5],
  ])("refuses an expected version %s with CONFLICT STALE_VERSION and leaves the stream unchanged", async (_case, expectedVersion) => {
    const streamId = stream();
    await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("A", 1), event("B", 2)]);
    const error = await conflictOf(fixture.events.appendToStream(tenantId, streamId, expectedVersion, [event("X", 9)]));
    expect(error.code).toBe("CONFLICT");
    expect(error.details).toMatchObject({ reason: "STALE_VERSION", expectedVersion, actualVersion: 2 });
    expect((await fixture.events.readStream(tenantId, streamId)).map((e) => e.type)).toEqual(["A", "B"]);
  });

  it("keeps concurrent appends to many streams apart: each lands whole in its own stream", async () => {
    const streams = Array.from({ length: 12 }, () => stream());
    const results = await Promise.all(streams.map((streamId, n) => fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("First", n), event("Second", n)])));
    for (const [n, streamId] of streams.entries()) {
      const read = await fixture.events.readStream(tenantId, streamId);
      expect(read.map((e) => [e.version, e.type, e.data.n])).toEqual([[1, "First", n], [2, "Second", n]]);
      expect(read.map((e) => e.position)).toEqual(results[n]!.positions);
    }
    expect(new Set(results.flatMap((result) => result.positions.map(String))).size).toBe(24);
  });

  it("lets exactly one of 20 concurrent appenders with the same expected version win", async () => {
    const streamId = stream();
    await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("A", 0)]);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, n) => fixture.events.appendToStream(tenantId, streamId, 1, [event("Racer", n), event("Racer", n)])),
    );
    const winners = attempts.filter((attempt) => attempt.status === "fulfilled");
    const losers = attempts.flatMap((attempt) => (attempt.status === "rejected" ? [attempt.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers.map((error) => [error.code, error.details?.reason])).toEqual(Array(19).fill(["CONFLICT", "STALE_VERSION"]));
    const read = await fixture.events.readStream(tenantId, streamId);
    expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(new Set(read.slice(1).map((e) => e.data.n)).size).toBe(1); // both events from the one winner
  });

  // Only a server lets an append run while another writer's same version is still uncommitted.
  if (capabilities.concurrentTransactions) {
    it("refuses an append that raced a slower writer to the same version once that writer commits, writing nothing", async () => {
      const streamId = stream();
      await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("A", 1)]);
      const slow = await fixture.openTransaction();
      await slow.append(tenantId, streamId, 1, [event("Slow", 2)]);
      const racer = conflictOf(fixture.events.appendToStream(tenantId, streamId, 1, [event("Racer", 3)]));
      expect(await settled(racer)).toBe(false); // it waits on the slower writer's row in the unique index
      await slow.commit();
      const error = await racer;
      expect(error.code).toBe("CONFLICT");
      expect(error.details).toMatchObject({ reason: "STALE_VERSION", expectedVersion: 1, actualVersion: 2 });
      expect((await fixture.events.readStream(tenantId, streamId)).map((e) => e.type)).toEqual(["A", "Slow"]);
    });
  }

  it("keeps the same stream id in two tenants as two separate streams", async () => {
    const streamId = stream();
    const otherTenant = `tenant-${randomUUID()}`;
    await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("Mine", 1)]);
    await fixture.events.appendToStream(otherTenant, streamId, NO_STREAM, [event("Theirs", 1)]);
    expect((await fixture.events.readStream(tenantId, streamId)).map((e) => e.type)).toEqual(["Mine"]);
    expect((await fixture.events.readStream(otherTenant, streamId)).map((e) => e.type)).toEqual(["Theirs"]);
  });

  it("updates the workflow projection in the append's transaction, and not at all when the append is refused", async () => {
    const id = randomUUID();
    const created = createWorkflowEvents(id, { name: "Onboarding", description: null });
    await fixture.events.appendToStream(tenantId, workflowStreamId(id), NO_STREAM, created);
    expect(await fixture.workflows.findByIds(tenantId, [id])).toEqual([expect.objectContaining({ id, name: "Onboarding", status: "DRAFT", version: 1 })]);
    expect(await fixture.workflows.findByIds(`tenant-${randomUUID()}`, [id])).toEqual([]);

    const renamed = createWorkflowEvents(id, { name: "Renamed", description: null });
    await conflictOf(fixture.events.appendToStream(tenantId, workflowStreamId(id), NO_STREAM, renamed));
    expect(await fixture.workflows.findByIds(tenantId, [id])).toEqual([expect.objectContaining({ name: "Onboarding", version: 1 })]);
  });

  it("lets one of concurrent appenders to a projected stream win, and projects only the winner", async () => {
    const id = randomUUID();
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) => fixture.events.appendToStream(tenantId, workflowStreamId(id), NO_STREAM, createWorkflowEvents(id, { name: `Racer ${n}`, description: null }))),
    );
    const winner = attempts.findIndex((attempt) => attempt.status === "fulfilled");
    expect(attempts.filter((attempt) => attempt.status === "rejected").map((attempt) => (attempt as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill("CONFLICT"));
    expect(await fixture.workflows.findByIds(tenantId, [id])).toEqual([expect.objectContaining({ name: `Racer ${winner}`, version: 1 })]);
    expect((await fixture.events.readStream(tenantId, workflowStreamId(id))).map((e) => e.data)).toEqual([expect.objectContaining({ name: `Racer ${winner}` })]);
  });

  describe("readAllForward, the global reader", () => {
    it("reads every stream's events in append order, each stream in version order, page after page", async () => {
      const [first, second] = [stream(), stream()];
      await fixture.events.appendToStream(tenantId, first, NO_STREAM, [event("A", 1), event("B", 2)]);
      await fixture.events.appendToStream(tenantId, second, NO_STREAM, [event("C", 3)]);
      await fixture.events.appendToStream(tenantId, first, 2, [event("D", 4)]);

      const { read } = await readLogUntil(fixture.events, tenantId, 4);
      expect(read.map((e) => [e.type, e.streamId, e.version])).toEqual([
        ["A", first, 1],
        ["B", first, 2],
        ["C", second, 1],
        ["D", first, 3],
      ]);
      expect(read[0]).toMatchObject({ tenantId, data: { n: 1 }, metadata: { by: "contract" } });
      expect(await fixture.events.readStream(tenantId, first)).toEqual(read.filter((e) => e.streamId === first).map(({ tenantId: _t, transactionId: _x, ...e }) => e));

      // Small pages, resumed from each page's checkpoint, neither repeat nor drop an event.
      const paged = await readLog(fixture.events, tenantId, LOG_START, 1);
      expect(paged.read.map((e) => e.id)).toEqual(read.map((e) => e.id));
    });

    it("returns nothing after the last checkpoint until something new is appended", async () => {
      await fixture.events.appendToStream(tenantId, stream(), NO_STREAM, [event("A", 1)]);
      const { checkpoint } = await readLogUntil(fixture.events, tenantId, 1);
      expect((await readLog(fixture.events, tenantId, checkpoint)).read).toEqual([]);
      await fixture.events.appendToStream(tenantId, stream(), NO_STREAM, [event("B", 2)]);
      expect((await readLogUntil(fixture.events, tenantId, 1, checkpoint)).read.map((e) => e.type)).toEqual(["B"]);
    });

    it("reads all tenants, each event with its own tenant (a reader for projections, not per tenant)", async () => {
      const otherTenant = `tenant-${randomUUID()}`;
      const streamId = stream();
      await fixture.events.appendToStream(tenantId, streamId, NO_STREAM, [event("Mine", 1)]);
      await fixture.events.appendToStream(otherTenant, streamId, NO_STREAM, [event("Theirs", 1)]);
      const { read: mine } = await readLogUntil(fixture.events, tenantId, 1);
      const { read: theirs } = await readLogUntil(fixture.events, otherTenant, 1);
      expect(mine.map((e) => [e.tenantId, e.type])).toEqual([[tenantId, "Mine"]]);
      expect(theirs.map((e) => [e.tenantId, e.type])).toEqual([[otherTenant, "Theirs"]]);
    });

    it("does not skip an append that commits after a later one: it holds the later one back until then", async () => {
      const [early, late] = [stream(), stream()];
      // A takes the lower position, then stays open.
      const a = await fixture.openTransaction();
      const appendedA = await a.append(tenantId, early, NO_STREAM, [event("A", 1)]);
      // B takes a higher position; on a server it commits while A is still open.
      const b = fixture.events.appendToStream(tenantId, late, NO_STREAM, [event("B", 2)]);
      let checkpoint = LOG_START;
      if (capabilities.concurrentTransactions) {
        const appendedB = await b;
        expect(appendedB.positions[0]! > appendedA.positions[0]!).toBe(true);
        const before = await readLog(fixture.events, tenantId);
        expect(before.read).toEqual([]); // not B: a reader that took it would move past A's position
        checkpoint = before.checkpoint;
      } else {
        // PGlite runs one transaction at a time: B (and any reader) waits until A commits, so
        // the log never has a committed event after an open one and the order is trivially safe.
        expect(await settled(b)).toBe(false);
      }
      await a.commit();
      await b;
      const after = await readLogUntil(fixture.events, tenantId, 2, checkpoint);
      expect(after.read.map((e) => e.type)).toEqual(["A", "B"]);
    });

    // Only where two transactions can be open at once can a transaction's id and its position disagree.
    if (!capabilities.concurrentTransactions) return;

    it("orders by transaction, so an older transaction's higher position cannot hide a younger one's lower position", async () => {
      const [older, younger] = [stream(), stream()];
      const b = await fixture.openTransaction();
      await b.takeTransactionId();
      const a = await fixture.openTransaction();
      const appendedA = await a.append(tenantId, younger, NO_STREAM, [event("A", 1)]);
      const appendedB = await b.append(tenantId, older, NO_STREAM, [event("B", 2)]);
      expect(appendedB.positions[0]! > appendedA.positions[0]!).toBe(true);
      await b.commit();
      const first = await readLogUntil(fixture.events, tenantId, 1);
      expect(first.read.map((e) => e.type)).toEqual(["B"]);
      await a.commit();
      // A checkpoint on B's position alone would be past A's forever.
      const second = await readLogUntil(fixture.events, tenantId, 1, first.checkpoint);
      expect(second.read.map((e) => e.type)).toEqual(["A"]);
    });
  });
}
