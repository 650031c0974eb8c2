import type { BaseContext, Identity } from "@aiwf/platform";
import DataLoader from "dataloader";
import type { ChannelService } from "../domain/channel.service";
import type { LiveFeeds } from "../live/live-feeds";
import type { Channel } from "./channel.type";

/** Per-request state: loaders batch and cache within one request, never across tenants. */
export interface RealtimeLoaders {
  /** A channel with its stats, by normalized id; one store round trip per request tick. */
  channel: DataLoader<string, Channel>;
}

export interface RealtimeContext extends BaseContext {
  loaders: RealtimeLoaders;
  /**
   * Subscription sources. On the context because type-graphql's `subscribe` option is
   * declared in a decorator, outside any resolver instance.
   */
  feeds: LiveFeeds;
}

export function createRealtimeLoaders(channels: ChannelService, identity: Identity): RealtimeLoaders {
  return {
    channel: new DataLoader<string, Channel>(async (ids) =>
      (await channels.stats(identity, ids)).map(({ channelId, messageCount, lastMessageAt }) => ({ id: channelId, messageCount, lastMessageAt })),
    ),
  };
}

