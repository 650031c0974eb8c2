import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A direct message to send; the author is the caller." })
export class SendDirectMessageInput {
  @Field(() => ID, { description: "The user of the caller's tenant to send to." })
  toUserId!: string;

  @Field(() => String, { description: "The text, 1 to 4000 characters after trimming." })
  body!: string;

  @Field(() => ID, { nullable: true, description: "A document to share with the recipient." })
  documentId?: string | null;

  @Field(() => ID, { nullable: true, description: "A workflow to share with the recipient." })
  workflowId?: string | null;
}
