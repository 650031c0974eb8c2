import { conflict } from "@aiwf/platform";

/** An event about to be appended; the store gives it its id, version, position and time. */
export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** An event as the log keeps it. */
export interface RecordedEvent {
  id: string;
  /** Order in the whole log (all tenants, all streams); 64-bit. */
  position: bigint;
  streamId: string;
  /** 1 for a stream's first event, then +1 per event: the stream's optimistic-concurrency version. */
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  nextVersion: number;
  /** Global positions of the appended events, in order. */
  positions: bigint[];
}

/** The version of a stream that has no events yet. */
export const NO_STREAM = 0;

/**
 * Where a global reader is in the log. The log's order is (transactionId, position): positions
 * are taken when a transaction inserts, but transactions commit in any order, so position alone
 * is not an order a reader can checkpoint on (a reader past 11 would never see a 10 committed
 * later). Transaction ids are handed out in increasing order as transactions first write, and
 * the reader only sees transactions older than every one still running, so nothing can later
 * appear behind a checkpoint.
 */
export interface LogCheckpoint {
  transactionId: bigint;
  position: bigint;
}

/** Before the first event: a new global reader starts here. */
export const LOG_START: LogCheckpoint = { transactionId: 0n, position: 0n };

/** An event as the global reader returns it: with its tenant, since it reads all of them. */
export interface LoggedEvent extends RecordedEvent {
  tenantId: string;
  transactionId: bigint;
}

export interface LogPage {
  /** In log order; at most `limit`. */
  events: LoggedEvent[];
  /** Pass to the next read: after the last event returned, or the given checkpoint when none was. */
  checkpoint: LogCheckpoint;
}

/**
 * The event log, one stream per aggregate, tenant-scoped: the same stream id in two tenants
 * names two streams. Appends are all-or-nothing.
 */
export interface EventStore {
  /**
   * Appends `events` if the stream is at `expectedVersion`, else throws CONFLICT
   * (reason STALE_VERSION, with expectedVersion and actualVersion) and writes nothing;
   * also when another writer appends concurrently from the same version.
   */
  appendToStream(tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult>;
  /** The stream's events from `fromVersion` (default 1) on, oldest first; empty for no stream. */
  readStream(tenantId: string, streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  /**
   * The whole log (every tenant, every stream) after `after`, in log order, for projections and
   * catch-up subscribers. Only events of settled transactions are returned: an append still in
   * flight holds back every event committed after it began, so a reader that checkpoints on the
   * returned `checkpoint` never skips an event, however late its transaction commits. Each
   * stream's events come in version order.
   */
  readAllForward(after: LogCheckpoint, limit: number): Promise<LogPage>;
}

export const staleVersion = (streamId: string, expectedVersion: number, actualVersion: number) =>
  conflict(`Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}; reload and retry`, {
    reason: "STALE_VERSION",
    expectedVersion,
    actualVersion,
  });
