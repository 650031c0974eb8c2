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
}

export const staleVersion = (streamId: string, expectedVersion: number, actualVersion: number) =>
  conflict(`Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}; reload and retry`, {
    reason: "STALE_VERSION",
    expectedVersion,
    actualVersion,
  });
