import type Redis from "ioredis";
import type { Logger } from "../logging";
import { silentLogger } from "./delivery";
import type { ProcessedEventLog } from "./processed-event-log";
import { openRedis } from "./redis-stream-entries";

export interface RedisProcessedEventLogOptions {
  /** A redis:// URL (the log opens and closes its connection) or a client the caller owns. */
  connection: Redis | string;
  /** Keys are `<keyPrefix><group>:<eventId>`. */
  keyPrefix?: string;
  /** How long a mark is kept (default 7 days): longer than any redelivery can arrive. */
  ttlMs?: number;
  logger?: Logger;
}

/** Marks shared by every member of a group across processes: SET NX with a TTL. */
export class RedisProcessedEventLog implements ProcessedEventLog {
  private readonly redis: Redis;
  private readonly release: () => Promise<void>;
  private readonly keyPrefix: string;
  private readonly ttlMs: number;

  constructor(options: RedisProcessedEventLogOptions) {
    const logger = options.logger ?? silentLogger;
    ({ redis: this.redis, release: this.release } = openRedis(options.connection, (error) =>
      logger.warn({ err: error }, "processed-event log connection error"),
    ));
    this.keyPrefix = options.keyPrefix ?? "aiwf:processed:";
    this.ttlMs = options.ttlMs ?? 7 * 24 * 60 * 60 * 1000;
  }

  async markIfNew(group: string, eventId: string): Promise<boolean> {
    // NX makes check-and-mark one atomic step, so two members racing on copies cannot both win.
    return (await this.redis.set(this.key(group, eventId), "1", "PX", this.ttlMs, "NX")) === "OK";
  }

  async forget(group: string, eventId: string): Promise<void> {
    await this.redis.del(this.key(group, eventId));
  }

  async close(): Promise<void> {
    await this.release();
  }

  private key(group: string, eventId: string): string {
    return `${this.keyPrefix}${group}:${eventId}`;
  }
}
