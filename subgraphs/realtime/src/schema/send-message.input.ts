import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A message to send; the author is the caller." })
export class SendMessageInput {
  @Field(() => ID, { description: "The channel to send to, e.g. `general` (case-insensitive; created on first use)." })
  channelId!: string;

  @Field(() => String, { description: "The text, 1 to 4000 characters after trimming." })
  body!: string;

  @Field(() => ID, { nullable: true, description: "A document to share with the channel." })
  documentId?: string | null;

  @Field(() => ID, { nullable: true, description: "A workflow to share with the channel." })
  workflowId?: string | null;
}
