import { PageInfo } from "@aiwf/platform";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A message between two users of the same tenant, readable only by those two." })
export class DirectMessage {
  @Field(() => ID, { description: "Unique within the conversation and increasing in sending order; doubles as the history cursor." })
  id!: string;

  @Field(() => ID, { description: "The user who sent the message." })
  fromUserId!: string;

  @Field(() => ID, { description: "The user the message was sent to." })
  toUserId!: string;

  @Field(() => String, { description: "The message text, trimmed (1 to 4000 characters)." })
  body!: string;

  @Field(() => Date, { description: "When the message was recorded." })
  sentAt!: Date;
}

@ObjectType({ description: "A direct message and its cursor in a conversation." })
export class DirectMessageEdge {
  @Field(() => String, { description: "The message's id; pass it as `after` to continue after this message." })
  cursor!: string;

  @Field(() => DirectMessage, { description: "The message." })
  node!: DirectMessage;
}

@ObjectType({ description: "A page of a conversation between the caller and another user, oldest message first (Relay connection)." })
export class DirectMessageConnection {
  @Field(() => [DirectMessageEdge], { description: "The messages of this page, oldest first." })
  edges!: DirectMessageEdge[];

  @Field(() => PageInfo, { description: "Whether more messages follow, and the cursor to fetch them." })
  pageInfo!: PageInfo;
}
