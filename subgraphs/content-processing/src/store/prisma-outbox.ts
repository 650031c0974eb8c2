import { type AnyEventEnvelope, parseEventEnvelope } from "@aiwf/platform/events";
import type { Outbox } from "../domain/outbox";
import type { PrismaClient } from "./generated/prisma/client";

interface OutboxRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: unknown;
  occurred_at: Date;
}

/** The content subgraph's outbox table, relayed with FOR UPDATE SKIP LOCKED. */
export class PrismaOutbox implements Outbox {
  constructor(private readonly prisma: PrismaClient) {}

  async relay(publish: (envelope: AnyEventEnvelope) => Promise<void>, limit: number): Promise<number> {
    // The rows stay locked while they are published, so a second relay skips them; a
    // crash before the delete commits leaves them to be published again (at-least-once).
    // A refused publish ends the batch, but what was published before it is still removed:
    // the failure is rethrown only after that commit.
    let failure: unknown;
    const published = await this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id::text AS id, tenant_id, topic, payload, occurred_at FROM content_outbox
          ORDER BY occurred_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
        const done: string[] = [];
        try {
          for (const row of rows) {
            await publish(toEnvelope(row));
            done.push(row.id);
          }
        } catch (error) {
          failure = error;
        }
        if (done.length > 0) await tx.outboxEvent.deleteMany({ where: { id: { in: done } } });
        return done.length;
      },
      { timeout: 30_000 },
    );
    if (failure !== undefined) throw failure;
    return published;
  }
}

function toEnvelope(row: OutboxRow): AnyEventEnvelope {
  return parseEventEnvelope({
    id: row.id,
    topic: row.topic,
    tenantId: row.tenant_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
  });
}
