import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { ChannelService } from "../domain/channel.service";
import { Channel } from "./channel.type";
import type { RealtimeContext } from "./context";
import { MessageConnection } from "./message-connection.type";
import { MessagesArgs } from "./messages.args";

@Resolver(() => Channel)
export class ChannelResolver {
  constructor(private readonly channels: ChannelService) {}

  @Query(() => Channel, {
    nullable: true,
    description: "A channel by name. Every valid name is a channel; one never used is simply empty. Null only when the realtime service cannot answer.",
  })
  channel(@Arg("id", () => ID, { description: "The channel's name (case-insensitive)." }) id: string, @Ctx() ctx: RealtimeContext): Promise<Channel> {
    return ctx.loaders.channel.load(this.channels.channelIdOf(id, "id"));
  }

  @FieldResolver(() => MessageConnection, { description: "The channel's history, oldest first, paged forward from a cursor." })
  async messages(
    @Root() channel: Channel,
    @Args(() => MessagesArgs) args: MessagesArgs,
    @Ctx() ctx: RealtimeContext,
  ): Promise<MessageConnection> {
    const page = await this.channels.history(ctx.identity, channel.id, args);
    return {
      edges: page.messages.map((message) => ({ cursor: message.id, node: message })),
      pageInfo: { hasNextPage: page.hasMore, endCursor: page.messages.at(-1)?.id ?? null },
      totalCount: channel.messageCount,
    };
  }
}
