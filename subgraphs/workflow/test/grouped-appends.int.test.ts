import { randomUUID } from "node:crypto";
import { migrateDatabase, openDatabase, statementsOn, type OpenedDatabase, type RunStatement } from "@aiwf/platform/postgres";
import { groupedAppends, type AppendRequest, type RunAppend } from "../src/store/grouped-appends";
import { APPEND_SQL } from "../src/store/prisma-event-store";
import { workflowMigrations } from "../src/store/workflow-migrations";

/** The store's own single append, under a name of the test's. */
const ALONE = { name: "test_append_alone", text: APPEND_SQL };

/** Counts the statements run by name, and fails the grouped one when told to. */
function countingStatements(run: RunStatement, failGrouped = false) {
  const calls = new Map<string, number>();
  const counted: RunStatement = async (statement, values) => {
    calls.set(statement.name, (calls.get(statement.name) ?? 0) + 1);
    if (failGrouped && statement.name.endsWith("_grouped")) throw new Error("the grouped statement failed");
    return run(statement, values);
  };
  return { counted, calls };
}

describe("grouped appends on PGlite", () => {
  let database: OpenedDatabase;
  let run: RunStatement;
  const tenantId = `tenant-${randomUUID()}`;
  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite" });
    await migrateDatabase({ database, ...workflowMigrations });
    run = statementsOn(database);
  });
  afterAll(() => database.close());

  const alone = (through: RunStatement): RunAppend => async (request) =>
    (await through(ALONE, [request.tenantId, request.streamId, request.recordedAt, JSON.stringify(request.rows), request.expectedVersion])).map(([position, version]) => ({
      position: position!,
      version: Number(version),
    }));
  const request = (streamId: string, expectedVersion: number, count = 1): AppendRequest => ({
    tenantId,
    streamId,
    recordedAt: new Date(),
    expectedVersion,
    rows: Array.from({ length: count }, (_, i) => ({ id: randomUUID(), version: expectedVersion + i + 1, type: "Noted", data: { i }, metadata: {} })),
  });
  const versionsOf = async (streamId: string) =>
    (await run({ name: "test_versions", text: "SELECT stream_version FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version" }, [tenantId, streamId])).map(
      ([version]) => Number(version),
    );

  it("writes appends that arrive together in one statement, each in its own stream", async () => {
    const { counted, calls } = countingStatements(run);
    const append = groupedAppends(counted, alone(counted));
    const streams = Array.from({ length: 10 }, () => `s-${randomUUID()}`);
    const results = await Promise.all(streams.map((streamId) => append(request(streamId, 0, 2))));
    expect(results.map((rows) => rows.map((row) => row.version))).toEqual(Array(10).fill([1, 2]));
    for (const streamId of streams) expect(await versionsOf(streamId)).toEqual([1, 2]);
    // The first went alone (nothing was running); the other nine waited and went together.
    expect(calls.get("test_append_alone")).toBe(1);
    expect(calls.get("aiwf_append_events_grouped")).toBe(1);
  });

  it("lets one of two appends to the same stream from the same version through; the other inserts nothing", async () => {
    const append = groupedAppends(run, alone(run));
    const streamId = `s-${randomUUID()}`;
    const [busy, first, second] = await Promise.all([append(request(`s-${randomUUID()}`, 0)), append(request(streamId, 0, 2)), append(request(streamId, 0, 2))]);
    expect(busy).toHaveLength(1);
    expect([first.length, second.length].sort()).toEqual([0, 2]);
    expect(await versionsOf(streamId)).toEqual([1, 2]);
  });

  it("inserts nothing for a stale append in a group and still writes the others", async () => {
    const append = groupedAppends(run, alone(run));
    const existing = `s-${randomUUID()}`;
    await append(request(existing, 0));
    const fresh = `s-${randomUUID()}`;
    const [, stale, written] = await Promise.all([append(request(`s-${randomUUID()}`, 0)), append(request(existing, 0)), append(request(fresh, 0))]);
    expect(stale).toEqual([]);
    expect(written.map((row) => row.version)).toEqual([1]);
    expect(await versionsOf(existing)).toEqual([1]);
  });

  it("falls back to one statement per append when a group's statement fails", async () => {
    const { counted, calls } = countingStatements(run, true);
    const append = groupedAppends(counted, alone(counted));
    const streams = Array.from({ length: 4 }, () => `s-${randomUUID()}`);
    const results = await Promise.all(streams.map((streamId) => append(request(streamId, 0))));
    expect(results.map((rows) => rows.length)).toEqual([1, 1, 1, 1]);
    expect(calls.get("aiwf_append_events_grouped")).toBe(1);
    expect(calls.get("test_append_alone")).toBe(4);
  });
});
