import { randomUUID } from "node:crypto";
import { staleVersion, type AppendResult, type EventStore, type NewEvent, type RecordedEvent } from "../domain/event-store";
import type { InlineProjection } from "./inline-projection";
import { isUniqueViolation, type Prisma, type PrismaClient, type TransactionClient } from "./prisma-client";

/*
 * Appends wait for the transaction slot rather than fail: PGlite runs one transaction at a
 * time, and a pool may be busy under a burst of concurrent writers.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

export interface PrismaEventStoreOptions {
  projections?: InlineProjection[];
  /** When events are recorded; injected so tests can fix time. */
  now?: () => Date;
}

/** The event log in Postgres (`events`), on PGlite or a server through the same code. */
export class PrismaEventStore implements EventStore {
  private readonly projections: InlineProjection[];
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    options: PrismaEventStoreOptions = {},
  ) {
    this.projections = options.projections ?? [];
    this.now = options.now ?? (() => new Date());
  }

  async appendToStream(tenantId: string, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const actualVersion = await streamVersion(tx, tenantId, streamId);
        // Checked here as well as by the unique index: an expectedVersion ahead of the stream would leave a gap.
        if (actualVersion !== expectedVersion) throw staleVersion(streamId, expectedVersion, actualVersion);
        const recordedAt = this.now();
        const rows = await tx.event.createManyAndReturn({
          data: events.map((event, index) => ({
            id: randomUUID(),
            tenantId,
            streamId,
            streamVersion: expectedVersion + index + 1,
            type: event.type,
            data: event.data as Prisma.InputJsonObject,
            metadata: (event.metadata ?? {}) as Prisma.InputJsonObject,
            recordedAt,
          })),
        });
        const recorded = rows.map(toRecordedEvent).sort((a, b) => a.version - b.version);
        for (const projection of this.projections) {
          if (projection.handles(streamId)) await projection.apply(tx, tenantId, streamId, recorded);
        }
        return { nextVersion: expectedVersion + events.length, positions: recorded.map((event) => event.position) };
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // A concurrent writer appended the same version first; its commit made ours violate the index.
      if (isUniqueViolation(error)) throw staleVersion(streamId, expectedVersion, await streamVersion(this.prisma, tenantId, streamId));
      throw error;
    }
  }

  async readStream(tenantId: string, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const rows = await this.prisma.event.findMany({
      where: { tenantId, streamId, streamVersion: { gte: fromVersion } },
      orderBy: { streamVersion: "asc" },
    });
    return rows.map(toRecordedEvent);
  }
}

async function streamVersion(db: TransactionClient | PrismaClient, tenantId: string, streamId: string): Promise<number> {
  const { _max } = await db.event.aggregate({ where: { tenantId, streamId }, _max: { streamVersion: true } });
  return _max.streamVersion ?? 0;
}

type EventRow = {
  id: string;
  position: bigint;
  streamId: string;
  streamVersion: number;
  type: string;
  data: Prisma.JsonValue;
  metadata: Prisma.JsonValue;
  recordedAt: Date;
};

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    position: row.position,
    streamId: row.streamId,
    version: row.streamVersion,
    type: row.type,
    data: row.data as Record<string, unknown>,
    metadata: row.metadata as Record<string, unknown>,
    recordedAt: row.recordedAt,
  };
}
