import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Broadcast as SentBroadcast } from "../domain/broadcast";
import type { BroadcastService } from "../domain/broadcast.service";
import { Broadcast, BroadcastInput } from "./broadcast.type";
import type { RealtimeContext } from "./context";

@Resolver(() => Broadcast)
export class BroadcastResolver {
  constructor(private readonly service: BroadcastService) {}

  @Mutation(() => Broadcast, {
    description: "Announce to every user of the caller's tenant subscribed to the topic (admin role; FORBIDDEN otherwise). Not stored: only current subscribers receive it.",
  })
  broadcast(@Arg("input", () => BroadcastInput, { description: "The topic and the text." }) input: BroadcastInput, @Ctx() ctx: RealtimeContext): Promise<SentBroadcast> {
    return this.service.broadcast(ctx.identity, input);
  }
}
