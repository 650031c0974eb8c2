import type { RunStatement } from "@aiwf/platform/postgres";

/** One event as the append statements take it. */
export interface AppendRow {
  id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

export interface AppendRequest {
  tenantId: string;
  streamId: string;
  recordedAt: Date;
  rows: AppendRow[];
  expectedVersion: number;
}

export type InsertedRow = { position: string; version: number };
/** Runs one append; resolves with the rows inserted, none when the stream was not at the expected version. */
export type RunAppend = (request: AppendRequest) => Promise<InsertedRow[]>;

/**
 * Appends to several streams in one statement, each row checked against its own stream's
 * version. The check reads the statement's snapshot, so a group holds at most one append per
 * stream (a later one to the same stream waits for the next group): every row of an append
 * sees the same last version, and they are inserted all or none.
 */
const GROUPED_APPEND = {
  name: "aiwf_append_events_grouped",
  text: `
    INSERT INTO events (id, tenant_id, stream_id, stream_version, type, data, metadata, recorded_at)
    SELECT e.id, e.tenant_id, e.stream_id, e.version, e.type, e.data, e.metadata, e.recorded_at
    FROM jsonb_to_recordset($1::jsonb)
      AS e(id uuid, tenant_id text, stream_id text, expected int, version int, type text, data jsonb, metadata jsonb, recorded_at timestamptz, seq int)
    WHERE e.expected = (SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE tenant_id = e.tenant_id AND stream_id = e.stream_id)
    ORDER BY e.seq
    RETURNING tenant_id, stream_id, position, stream_version`,
};

interface Waiting {
  request: AppendRequest;
  resolve(rows: InsertedRow[]): void;
  reject(error: unknown): void;
}

const streamKey = (request: AppendRequest) => `${request.tenantId}\u0000${request.streamId}`;

/**
 * Group commit: an append that arrives while `parallel` groups are running waits, and the
 * waiting ones then go in one statement (one round trip, or one call into PGlite's WASM
 * module, and one plan for all of them). An append that finds a free slot goes at once,
 * alone, so a single writer waits no longer than before. Should a group's statement fail (a
 * writer elsewhere took a version first: the unique index), its appends are retried one by
 * one, so each gets its own answer and none fails for another.
 */
export function groupedAppends(run: RunStatement, appendAlone: RunAppend, parallel = 1): RunAppend {
  let waiting: Waiting[] = [];
  let inFlight = 0;

  /** Starts groups of the waiting appends while fewer than `parallel` are running. */
  function pump(): void {
    while (inFlight < parallel && waiting.length > 0) {
      const group = takeGroup();
      inFlight++;
      const done = group.length === 1 ? settle(group[0]!, () => appendAlone(group[0]!.request)) : runGroup(group);
      void done.finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  /** The waiting appends in arrival order, at most one per stream; the rest wait for the next group. */
  function takeGroup(): Waiting[] {
    const streams = new Set<string>();
    const group: Waiting[] = [];
    const later: Waiting[] = [];
    for (const entry of waiting) {
      const key = streamKey(entry.request);
      (streams.has(key) ? later : group).push(entry);
      streams.add(key);
    }
    waiting = later;
    return group;
  }

  async function runGroup(group: Waiting[]): Promise<void> {
    const rows = group.flatMap(({ request }, index) =>
      request.rows.map((row) => ({
        ...row,
        tenant_id: request.tenantId,
        stream_id: request.streamId,
        expected: request.expectedVersion,
        recorded_at: request.recordedAt.toISOString(),
        seq: index,
      })),
    );
    let inserted: Array<Array<string | null>>;
    try {
      inserted = await run(GROUPED_APPEND, [JSON.stringify(rows)]);
    } catch {
      for (const entry of group) await settle(entry, () => appendAlone(entry.request));
      return;
    }
    const byStream = new Map<string, InsertedRow[]>();
    for (const [tenantId, streamId, position, version] of inserted) {
      const key = `${tenantId}\u0000${streamId}`;
      const rowsOfStream = byStream.get(key) ?? byStream.set(key, []).get(key)!;
      rowsOfStream.push({ position: position!, version: Number(version) });
    }
    for (const entry of group) entry.resolve(byStream.get(streamKey(entry.request)) ?? []);
  }

  async function settle(entry: Waiting, append: () => Promise<InsertedRow[]>): Promise<void> {
    try {
      entry.resolve(await append());
    } catch (error) {
      entry.reject(error);
    }
  }

  return (request) =>
    new Promise<InsertedRow[]>((resolve, reject) => {
      waiting.push({ request, resolve, reject });
      pump();
    });
}
