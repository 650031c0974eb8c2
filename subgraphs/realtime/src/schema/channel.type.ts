import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A named conversation within a tenant. Channels exist implicitly: sending the first message starts one." })
@Directive('@key(fields: "id")')
export class Channel {
  @Field(() => ID, { description: "The channel's name: lowercase letters, digits, '.', '_' and '-' (input is case-insensitive)." })
  id!: string;

  @Field(() => Int, { description: "Messages in the channel's retained history (the oldest are dropped beyond the retention limit)." })
  messageCount!: number;

  @Field(() => Date, { nullable: true, description: "When the newest message was sent; null for a channel without messages." })
  lastMessageAt!: Date | null;
}
