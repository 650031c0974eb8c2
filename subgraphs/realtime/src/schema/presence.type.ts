import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum PresenceChange {
  JOINED = "JOINED",
  LEFT = "LEFT",
  EXPIRED = "EXPIRED",
}

registerEnumType(PresenceChange, {
  name: "PresenceChange",
  description: "How someone's presence in a channel changed.",
  valuesConfig: {
    JOINED: { description: "They joined, or sent a heartbeat after their presence had expired." },
    LEFT: { description: "They left the channel." },
    EXPIRED: { description: "Their heartbeats stopped for longer than the presence TTL." },
  },
});

@ObjectType({ description: "Someone present in a channel." })
export class Presence {
  @Field(() => ID, { description: "The channel." })
  channelId!: string;

  @Field(() => ID, { description: "The user who is present." })
  userId!: string;

  @Field(() => Date, { description: "Their last join or heartbeat." })
  lastSeenAt!: Date;

  @Field(() => Date, { description: "When their presence expires without another heartbeat." })
  expiresAt!: Date;
}

@ObjectType({ description: "Someone joined, left, or their presence expired." })
export class PresenceEvent {
  @Field(() => PresenceChange, { description: "What changed." })
  kind!: PresenceChange;

  @Field(() => ID, { description: "The channel." })
  channelId!: string;

  @Field(() => ID, { description: "The user whose presence changed." })
  userId!: string;

  @Field(() => Date, { description: "When the change was recorded." })
  occurredAt!: Date;
}
