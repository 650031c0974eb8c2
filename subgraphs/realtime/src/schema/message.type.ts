import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A message sent to a channel. It may share a document or a workflow from other parts of the graph." })
export class Message {
  @Field(() => ID, {
    description: "Unique within its channel and increasing in sending order; doubles as the history cursor.",
  })
  id!: string;

  @Field(() => ID, { description: "The channel the message was sent to." })
  channelId!: string;

  @Field(() => ID, { description: "The user who sent the message." })
  authorId!: string;

  @Field(() => String, { description: "The message text, trimmed (1 to 4000 characters)." })
  body!: string;

  @Field(() => Date, { description: "When the message was recorded." })
  sentAt!: Date;
}
