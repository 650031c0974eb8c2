import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType({ description: "An announcement to every user of the caller's tenant listening on a topic." })
export class BroadcastInput {
  @Field(() => ID, { description: "The topic, e.g. `maintenance` (case-insensitive; letters, digits, '.', '_', '-')." })
  topic!: string;

  @Field(() => String, { description: "The text, 1 to 4000 characters after trimming." })
  body!: string;
}

@ObjectType({ description: "An announcement sent to a topic of a tenant. Live only: broadcasts are not stored." })
export class Broadcast {
  @Field(() => ID, { description: "Unique per broadcast." })
  id!: string;

  @Field(() => ID, { description: "The topic it was sent on (lowercase)." })
  topic!: string;

  @Field(() => String, { description: "The announcement text, trimmed." })
  body!: string;

  @Field(() => ID, { description: "The admin who sent it." })
  authorId!: string;

  @Field(() => Date, { description: "When it was sent." })
  sentAt!: Date;
}
