import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { PresenceMember } from "../domain/presence";
import type { PresenceService } from "../domain/presence.service";
import { Channel } from "./channel.type";
import type { RealtimeContext } from "./context";
import { Presence } from "./presence.type";

@Resolver(() => Channel)
export class PresenceResolver {
  constructor(private readonly service: PresenceService) {}

  @Mutation(() => Presence, { description: "Join a channel as the caller (announced as JOINED). Keep presence alive with `heartbeat`." })
  joinChannel(@Arg("channelId", () => ID, { description: "The channel to join." }) channelId: string, @Ctx() ctx: RealtimeContext): Promise<Presence> {
    return this.service.heartbeat(ctx.identity, channelId).then((member) => this.shape(member));
  }

  @Mutation(() => Presence, {
    description: "Keep the caller's presence in a channel alive; send one well within the TTL. After expiry it joins again.",
  })
  heartbeat(@Arg("channelId", () => ID, { description: "The channel." }) channelId: string, @Ctx() ctx: RealtimeContext): Promise<Presence> {
    return this.service.heartbeat(ctx.identity, channelId).then((member) => this.shape(member));
  }

  @Mutation(() => Boolean, { description: "Leave a channel (announced as LEFT). False when the caller was not present." })
  leaveChannel(@Arg("channelId", () => ID, { description: "The channel to leave." }) channelId: string, @Ctx() ctx: RealtimeContext): Promise<boolean> {
    return this.service.leave(ctx.identity, channelId);
  }

  @FieldResolver(() => [Presence], { description: "Who is in the channel now, longest-idle first." })
  async presence(@Root() channel: Channel, @Ctx() ctx: RealtimeContext): Promise<Presence[]> {
    return (await this.service.members(ctx.identity, channel.id)).map((member) => this.shape(member));
  }

  private shape(member: PresenceMember): Presence {
    return { ...member, expiresAt: new Date(member.lastSeenAt.getTime() + this.service.ttlMs) };
  }
}
