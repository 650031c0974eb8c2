import type Redis from "ioredis";
import type { Logger } from "../logging";
import { deliverWithRetries, pause } from "./delivery";
import { parseEventEnvelope } from "./envelope";
import type { EventHandler, ResolvedSubscribeOptions } from "./event-bus";
import { createStreamDeliveryChannel } from "./redis-delivery-channel";
import { decodeEntries, ensureGroup, isMissingGroup, type StreamEntry } from "./redis-stream-entries";
import type { TopicName } from "./topics";

export interface StreamConsumerConfig {
  /** The bus's shared connection: cleanup after `reader` is gone. */
  admin: Redis;
  /** This member's own connection: XREADGROUP BLOCK holds a connection for its whole wait. */
  reader: Redis;
  streamKey: string;
  deadKey: string;
  group: string;
  consumer: string;
  handler: EventHandler<TopicName>;
  options: ResolvedSubscribeOptions;
  blockMs: number;
  maxLength: number;
  logger: Logger;
}

type PendingEntry = StreamEntry & { deliveries: number };

/** One member of a consumer group: reads, reclaims from dead members, delivers, acknowledges. */
export class RedisStreamConsumer {
  private readonly abort = new AbortController();
  private readonly consuming: Promise<void>;
  private closing?: Promise<void>;
  private blocked = false;
  private reclaimCursor = "0-0";
  /** Reclaim first thing: a restarted service picks up what its previous process left. */
  private nextReclaimAt = 0;

  constructor(private readonly config: StreamConsumerConfig) {
    config.reader.on("error", (error) => config.logger.warn({ err: error }, "event stream connection error"));
    this.consuming = this.consume();
  }

  /** Idempotent: the bus and the subscription may both close it. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    const { reader } = this.config;
    this.abort.abort();
    // A blocked XREADGROUP would hold close() for up to blockMs; dropping the connection ends it now.
    const dropped = this.blocked;
    if (dropped) reader.disconnect();
    await this.consuming;
    if (!dropped) await reader.quit().catch(() => reader.disconnect());
    await this.forgetConsumerIfIdle();
  }

  private async consume(): Promise<void> {
    const { logger, streamKey, group, consumer } = this.config;
    while (!this.abort.signal.aborted) {
      try {
        for (const entry of await this.nextBatch()) {
          // Entries not handled yet stay pending under this consumer; live members reclaim them.
          if (this.abort.signal.aborted) break;
          await this.handle(entry);
        }
      } catch (error) {
        if (this.abort.signal.aborted) break;
        if (isMissingGroup(error)) {
          // Someone deleted the stream (an operator, a cleanup): start the group again.
          const { admin, options } = this.config;
          if (await ensureGroup(admin, streamKey, group, options.startFrom).then(() => true, () => false)) continue;
        }
        logger.error({ err: error, stream: streamKey, group, consumer }, "reading the event stream failed; retrying");
        await pause(1000, this.abort.signal);
      }
    }
  }

  private async nextBatch(): Promise<PendingEntry[]> {
    if (Date.now() >= this.nextReclaimAt) {
      const reclaimed = await this.reclaimAbandoned();
      if (reclaimed.length > 0) return reclaimed;
    }
    return this.readNew();
  }

  private async readNew(): Promise<PendingEntry[]> {
    const { reader, group, consumer, streamKey, options } = this.config;
    if (this.abort.signal.aborted) return [];
    // Wake up in time for the next reclaim pass; BLOCK 0 would mean forever.
    const blockMs = Math.max(1, Math.min(this.config.blockMs, this.nextReclaimAt - Date.now()));
    this.blocked = true;
    try {
      const reply = (await reader.xreadgroup(
        "GROUP", group, consumer, "COUNT", options.batchSize, "BLOCK", blockMs, "STREAMS", streamKey, ">",
      )) as [string, unknown][] | null;
      return decodeEntries(reply?.[0]?.[1]).map((entry) => ({ ...entry, deliveries: 1 }));
    } finally {
      this.blocked = false;
    }
  }

  /** Takes over entries idle longer than claimIdleMs: their consumer is presumed dead. */
  private async reclaimAbandoned(): Promise<PendingEntry[]> {
    const { reader, group, consumer, streamKey, options } = this.config;
    const [cursor, raw] = (await reader.xautoclaim(
      streamKey, group, consumer, options.claimIdleMs, this.reclaimCursor, "COUNT", options.batchSize,
    )) as [string, unknown];
    this.reclaimCursor = cursor;
    // A full scan found everything idle enough; nothing else can be due for a while.
    if (cursor === "0-0") this.nextReclaimAt = Date.now() + options.claimIdleMs / 2;
    const entries = decodeEntries(raw);
    if (entries.length === 0) return [];
    const pending = (await reader.xpending(
      streamKey, group, entries[0].id, entries[entries.length - 1].id, entries.length, consumer,
    )) as [string, string, number, number][];
    const deliveries = new Map(pending.map(([id, , , count]) => [id, Number(count)]));
    this.config.logger.warn({ stream: streamKey, group, consumer, count: entries.length }, "reclaimed events a consumer left unacknowledged");
    return entries.map((entry) => ({ ...entry, deliveries: deliveries.get(entry.id) ?? 1 }));
  }

  private async handle(entry: PendingEntry): Promise<void> {
    const { handler, options, group, consumer, logger } = this.config;
    const channel = createStreamDeliveryChannel(this.config, entry);
    let envelope;
    try {
      envelope = parseEventEnvelope(JSON.parse(entry.fields.envelope ?? ""));
    } catch (error) {
      // Retrying cannot fix a malformed entry: straight to the dead letters.
      logger.error({ err: error, stream: this.config.streamKey, entryId: entry.id }, "malformed event in stream");
      return channel.deadLetter(error instanceof Error ? error.message : String(error), entry.deliveries);
    }
    if (entry.deliveries > options.maxDeliveries) {
      // Consumers kept dying while handling it (a poison event that crashes the process).
      logger.error({ eventId: envelope.id, deliveries: entry.deliveries }, "event never acknowledged; dead-lettering it");
      return channel.deadLetter("delivered without acknowledgement until maxDeliveries", entry.deliveries);
    }
    await deliverWithRetries({ envelope, deliveries: entry.deliveries, group, consumer }, handler, channel, options, this.abort.signal, logger);
  }

  /** Unique consumer names would pile up in the group; drop ours unless it still owns events. */
  private async forgetConsumerIfIdle(): Promise<void> {
    const { admin, streamKey, group, consumer } = this.config;
    try {
      const pending = (await admin.xpending(streamKey, group, "-", "+", 1, consumer)) as unknown[];
      if (pending.length === 0) await admin.xgroup("DELCONSUMER", streamKey, group, consumer);
    } catch (error) {
      this.config.logger.debug({ err: error, stream: streamKey, group, consumer }, "could not remove the consumer");
    }
  }
}
