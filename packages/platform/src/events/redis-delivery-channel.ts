import type { DeliveryChannel } from "./delivery";
import type { StreamConsumerConfig } from "./redis-stream-consumer";
import type { StreamEntry } from "./redis-stream-entries";

/**
 * How a group member settles one stream entry. Everything goes through the member's own
 * connection, which is free while a handler runs (it only blocks between batches).
 */
export function createStreamDeliveryChannel(config: StreamConsumerConfig, entry: StreamEntry): DeliveryChannel {
  const { reader, streamKey, deadKey, group, consumer, maxLength } = config;
  return {
    acknowledge: async () => {
      await reader.xack(streamKey, group, entry.id);
    },
    // Bumps the delivery count Redis keeps and resets the idle time, so no one reclaims it mid-retry.
    redeliver: async () => {
      await reader.xclaim(streamKey, group, consumer, 0, entry.id);
    },
    // One transaction: the entry is never both dead and pending, nor acknowledged and lost.
    deadLetter: async (error, deliveries) => {
      const results = await reader
        .multi()
        .xadd(deadKey, "MAXLEN", "~", maxLength, "*",
          "envelope", entry.fields.envelope ?? "", "group", group, "error", error,
          "deliveries", String(deliveries), "deadAt", new Date().toISOString(), "entryId", entry.id)
        .xack(streamKey, group, entry.id)
        .exec();
      const failed = results?.find(([commandError]) => commandError);
      if (failed) throw failed[0];
    },
  };
}
