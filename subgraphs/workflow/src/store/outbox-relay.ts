import type { Logger } from "@aiwf/platform";
import { parseEventEnvelope, type EventBus } from "@aiwf/platform/events";
import type { PrismaClient } from "./prisma-client";

/** One relay publishes at a time (any instance), so the bus sees each run's updates in order. */
const RELAY_LOCK_KEY = 7_247_202;
const BATCH = 200;

/**
 * Publishes the outbox to the event bus, at least once: a row is marked published only after
 * the bus took it, so a relay that dies mid-batch republishes the rest (with the same ids,
 * which consumers dedupe).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly deps: { prisma: PrismaClient; bus: EventBus; logger: Logger; pollMs?: number }) {}

  /** Publishes what is pending; returns how many rows were published. */
  publishPending(): Promise<number> {
    this.running ??= this.publishBatches().finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    const tick = () => {
      this.publishPending()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, "outbox relay failed; retrying"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.deps.pollMs ?? 200);
        });
    };
    this.stopped = false;
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async publishBatches(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    const { prisma, bus } = this.deps;
    let failure: unknown;
    const published = await prisma.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked`;
        if (!locked) return 0;
        const rows = await tx.outboxMessage.findMany({ where: { publishedAt: null }, orderBy: { position: "asc" }, take: BATCH });
        const done: bigint[] = [];
        try {
          for (const row of rows) {
            const envelope = { id: row.eventId, topic: row.topic, tenantId: row.tenantId, occurredAt: row.occurredAt.toISOString(), payload: row.payload };
            await bus.publishEnvelope(parseEventEnvelope(envelope));
            done.push(row.position);
          }
        } catch (error) {
          failure = error; // the rest stays pending, in order, for the next round
        }
        // Mark what the bus took, even when a later publish failed: those are not sent twice.
        if (done.length > 0) await tx.outboxMessage.updateMany({ where: { position: { in: done } }, data: { publishedAt: new Date() } });
        return done.length;
      },
      { maxWait: 15_000, timeout: 30_000 },
    );
    if (failure) throw failure;
    return published;
  }
}
