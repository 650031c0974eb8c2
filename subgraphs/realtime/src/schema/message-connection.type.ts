import { PageInfo } from "@aiwf/platform";
import { Field, Int, ObjectType } from "type-graphql";
import { Message } from "./message.type";

@ObjectType({ description: "A message and its cursor in a channel's history." })
export class MessageEdge {
  @Field(() => String, { description: "The message's id; pass it as `after` to continue after this message." })
  cursor!: string;

  @Field(() => Message, { description: "The message." })
  node!: Message;
}

@ObjectType({ description: "A page of a channel's history, oldest message first (Relay connection)." })
export class MessageConnection {
  @Field(() => [MessageEdge], { description: "The messages of this page, oldest first." })
  edges!: MessageEdge[];

  @Field(() => PageInfo, { description: "Whether more messages follow, and the cursor to fetch them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "Messages in the channel's retained history, across all pages." })
  totalCount!: number;
}
