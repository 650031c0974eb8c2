import { channelIdOrNull } from "../domain/message-rules";
import type { Channel } from "./channel.type";
import type { RealtimeContext } from "./context";

/**
 * `_entities` for Channel: every valid name is a channel (stats batched through the
 * request's loader); a representation whose id cannot be a channel name resolves to null.
 */
export const channelReference = {
  __resolveReference(reference: { id: string }, ctx: RealtimeContext): Promise<Channel> | null {
    const channelId = typeof reference.id === "string" ? channelIdOrNull(reference.id) : null;
    return channelId === null ? null : ctx.loaders.channel.load(channelId);
  },
};
