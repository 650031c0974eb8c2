import { randomUUID } from "node:crypto";
import { isDomainError } from "@aiwf/platform";
import { NO_STREAM, type EventStore, type NewEvent } from "../src/domain/event-store";
import { createWorkflowEvents, workflowStreamId } from "../src/domain/workflow";
import type { WorkflowReadModel } from "../src/domain/workflow-read-model";

export interface EventStoreFixture {
  events: EventStore;
  workflows: WorkflowReadModel;
  close(): Promise<void>;
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

/**
 * What every EventStore adapter must do, with the workflow projection it keeps inline.
 * Each test works in its own tenant, so suites may share a database and run concurrently.
 */
export function eventStoreContract(open: () => Promise<EventStoreFixture>): void {
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
}
