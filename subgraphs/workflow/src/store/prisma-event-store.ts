import { randomUUID } from "node:crypto";
import { isUniqueViolation, statementsOn, transactionsOn, type OpenedDatabase, type RunStatement, type SqlTransaction, type Transact } from "@aiwf/platform/postgres";
import {
  staleVersion,
  type AppendResult,
  type EventStore,
  type LogCheckpoint,
  type LoggedEvent,
  type LogPage,
  type NewEvent,
  type RecordedEvent,
} from "../domain/event-store";
import { groupedAppends, type RunAppend } from "./grouped-appends";
import type { InlineProjection } from "./inline-projection";
import type { PrismaClient } from "./prisma-client";

export interface PrismaEventStoreOptions {
  projections?: InlineProjection[];
  /** The database behind the client (its pg pool or PGlite instance): appends run as prepared statements on it. */
  database: Pick<OpenedDatabase, "pool" | "pglite">;
  /** When events are recorded; injected so tests can fix time. */
  now?: () => Date;
}

/**
 * All events in one statement that checks the version itself: it inserts nothing unless the
 * stream's last version is `expectedVersion` (no gap, no stale writer), and of two writers
 * racing from the same version the unique (tenant, stream, version) index lets one through.
 * Parameters: tenant, stream, recorded at, the rows as one JSON array (one round trip whatever
 * their number), expected version.
 */
export const APPEND_SQL = `
  INSERT INTO events (id, tenant_id, stream_id, stream_version, type, data, metadata, recorded_at)
  SELECT e.id, $1::text, $2::text, e.version, e.type, e.data, e.metadata, $3::timestamptz
  FROM jsonb_to_recordset($4::jsonb) AS e(id uuid, version int, type text, data jsonb, metadata jsonb)
  WHERE $5::int = (SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE tenant_id = $1::text AND stream_id = $2::text)
  ORDER BY e.version
  RETURNING position, stream_version AS version`;

/**
 * pg prepares a named statement once per connection, then only binds it: planning this statement
 * took the server about as long as running it. (A pooler in front must keep prepared statements:
 * PgBouncer's transaction mode does from 1.21 on, with max_prepared_statements set.)
 */
const APPEND_STATEMENT = { name: "aiwf_append_events", text: APPEND_SQL };

const appendWith =
  (run: RunStatement): RunAppend =>
  async ({ tenantId, streamId, recordedAt, rows, expectedVersion }) =>
    (await run(APPEND_STATEMENT, [tenantId, streamId, recordedAt, JSON.stringify(rows), expectedVersion])).map(([position, version]) => ({
      position: position!,
      version: Number(version),
    }));

/*
 * Concurrent appends go in groups (grouped-appends.ts). PGlite runs one statement at a time, so
 * one group at a time. On a server, two at once let a large batch and the small appends behind
 * it overlap; with 16 writers, one, two and four groups in flight measured alike (singles at
 * 0.9-1.5x plain single inserts, against 0.5-0.6x ungrouped), so two it is.
 */
const SERVER_GROUPS_IN_FLIGHT = 2;

/** The event log in Postgres (`events`), on PGlite or a server through the same code. */
export class PrismaEventStore implements EventStore {
  private readonly projections: InlineProjection[];
  private readonly now: () => Date;
  /**
   * Appends to streams no read model follows bypass Prisma. On a server, measured with 16
   * writers, Prisma's per-call overhead and an unprepared statement cost over half the
   * throughput. On PGlite a run through Prisma took 1.5 ms, through PGlite's `query` 0.6 ms,
   * prepared 0.18 ms (bench/workflow/pglite-paths.bench.ts): WASM round trips per message and
   * re-planning, not the insert, were the cost.
   */
  private readonly appendAlone: RunAppend;
  private readonly statements: RunStatement;
  /**
   * Appends with read models run as one transaction of prepared statements on the driver.
   * Through Prisma's interactive transactions the executor's appends (event, run row, outbox,
   * task) took several times as long (bench/workflow/execution.bench.ts).
   */
  readonly transact: Transact;

  constructor(
    private readonly prisma: PrismaClient,
    options: PrismaEventStoreOptions,
  ) {
    this.projections = options.projections ?? [];
    this.now = options.now ?? (() => new Date());
    this.statements = statementsOn(options.database);
    this.appendAlone = groupedAppends(this.statements, appendWith(this.statements), options.database.pglite ? 1 : SERVER_GROUPS_IN_FLIGHT);
    this.transact = transactionsOn(options.database);
  }

  async appendToStream(tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    const projected = this.projections.some((projection) => projection.handles(streamId));
    try {
      // One INSERT is atomic on its own: a stream no read model follows needs no transaction around it.
      if (!projected) {
        const version = () => streamVersion(this.statements, tenantId, streamId);
        return (await this.insert(this.appendAlone, version, tenantId, streamId, expectedVersion, events)).result;
      }
      return await this.transact((tx) => this.appendToStreamIn(tx, tenantId, streamId, expectedVersion, events));
    } catch (error) {
      // A concurrent writer appended the same version first; its commit made ours violate the index.
      if (isUniqueViolation(error)) throw staleVersion(streamId, expectedVersion, await streamVersion(this.statements, tenantId, streamId));
      throw error;
    }
  }

  /**
   * The append inside a caller's transaction, with the inline projections. Make it the
   * transaction's first write: the transaction id global readers order by is taken then, and an
   * earlier one could put this stream's events before their predecessors in the global order.
   */
  async appendToStreamIn(tx: SqlTransaction, tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    const version = () => streamVersion(tx.run, tenantId, streamId);
    const { result, recorded } = await this.insert(appendWith(tx.run), version, tenantId, streamId, expectedVersion, events);
    for (const projection of this.projections) {
      if (projection.handles(streamId) && recorded.length > 0) await projection.apply(tx, tenantId, streamId, recorded);
    }
    return result;
  }

  /** Records `events` with `APPEND_SQL` run by `append`; `version` reads the stream's version when it is not the expected one. */
  private async insert(append: RunAppend, version: () => Promise<number>, tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]) {
    if (events.length === 0) {
      const actualVersion = await version();
      if (actualVersion !== expectedVersion) throw staleVersion(streamId, expectedVersion, actualVersion);
      return { recorded: [], result: { nextVersion: expectedVersion, positions: [] } satisfies AppendResult };
    }
    const recordedAt = this.now();
    const recorded: RecordedEvent[] = events.map((event, index) => ({
      id: randomUUID(),
      position: 0n,
      streamId,
      version: expectedVersion + index + 1,
      type: event.type,
      data: event.data,
      metadata: event.metadata ?? {},
      recordedAt,
    }));
    const rows = recorded.map(({ id, version, type, data, metadata }) => ({ id, version, type, data, metadata }));
    const inserted = await append({ tenantId, streamId, recordedAt, rows, expectedVersion });
    if (inserted.length !== events.length) throw staleVersion(streamId, expectedVersion, await version());
    const positions = new Map(inserted.map((row) => [Number(row.version), BigInt(row.position)]));
    for (const event of recorded) event.position = positions.get(event.version)!;
    return { recorded, result: { nextVersion: expectedVersion + events.length, positions: recorded.map((event) => event.position) } satisfies AppendResult };
  }

  /** Prepared: the executor reads its run's stream every time it takes the run up. */
  async readStream(tenantId: string, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const rows = await this.statements(READ_STREAM, [tenantId, streamId, fromVersion]);
    return rows.map(([position, id, version, type, data, metadata, recordedAt]) => ({
      id: id!,
      position: BigInt(position!),
      streamId,
      version: Number(version),
      type: type!,
      data: JSON.parse(data!) as Record<string, unknown>,
      metadata: JSON.parse(metadata!) as Record<string, unknown>,
      recordedAt: new Date(recordedAt!),
    }));
  }

  /*
   * Only transactions older than the oldest one still running (the snapshot's xmin) are read:
   * they have all ended, and every transaction that has not (or has not begun) has a larger id,
   * so it sorts after anything returned now. Ordering by position alone would not do: a
   * transaction with a smaller id may take a larger position than one still running.
   *
   * On PGlite one connection runs one transaction at a time: a transaction is settled before the
   * next (or this read) starts, so xmin is past every committed event and the filter never
   * holds anything back; the property holds because there are no concurrent writers to wait for.
   */
  async readAllForward(after: LogCheckpoint, limit: number): Promise<LogPage> {
    const rows = await this.prisma.$queryRaw<LogRow[]>`
      SELECT position, id, tenant_id, stream_id, stream_version, type, data, metadata, recorded_at, transaction_id::text AS transaction_number
      FROM events
      WHERE (transaction_id, position) > (${String(after.transactionId)}::xid8, ${after.position}::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY events.transaction_id, events.position
      LIMIT ${limit}::int`;
    const events = rows.map(toLoggedEvent);
    const last = events.at(-1);
    return { events, checkpoint: last ? { transactionId: last.transactionId, position: last.position } : after };
  }
}


/** recorded_at as JSON gives ISO 8601, which `Date` parses whatever the session's DateStyle. */
const READ_STREAM = {
  name: "aiwf_read_stream",
  text: `
    SELECT position, id, stream_version, type, data, metadata, to_json(recorded_at) #>> '{}'
    FROM events WHERE tenant_id = $1::text AND stream_id = $2::text AND stream_version >= $3::int
    ORDER BY stream_version`,
};

const STREAM_VERSION = {
  name: "aiwf_stream_version",
  text: "SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE tenant_id = $1::text AND stream_id = $2::text",
};

async function streamVersion(run: RunStatement, tenantId: string, streamId: string): Promise<number> {
  return Number((await run(STREAM_VERSION, [tenantId, streamId]))[0]![0]);
}

type LogRow = {
  position: bigint;
  id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  /** xid8 as text: the drivers have no parser for it. Not named transaction_id, or ORDER BY would sort the text. */
  transaction_number: string;
};

function toLoggedEvent(row: LogRow): LoggedEvent {
  return {
    id: row.id,
    position: BigInt(row.position),
    tenantId: row.tenant_id,
    transactionId: BigInt(row.transaction_number),
    streamId: row.stream_id,
    version: Number(row.stream_version),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
  };
}
