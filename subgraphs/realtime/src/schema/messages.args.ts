import { ArgsType, Field, Int } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/message-rules";

/** `Channel.messages` paging: forward only for now (Relay `first`/`after`). */
@ArgsType()
export class MessagesArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Continue after this cursor (an `endCursor` or message id)." })
  after?: string | null;
}
