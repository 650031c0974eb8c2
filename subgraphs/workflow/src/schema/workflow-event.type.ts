import { GraphQLJSON } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";

/** Resolvers return domain RecordedEvents, whose `position` (a bigint) is printed here. */
@ObjectType({ description: "One recorded event of a workflow or a run: a history is the list of these, oldest first." })
export class WorkflowEvent {
  @Field(() => String, { description: "Order of the event in the whole event log: a 64-bit integer, as a string." })
  position!: string;

  @Field(() => Int, { description: "The version of its stream this event produced (1 for the first)." })
  version!: number;

  @Field(() => String, { description: "What happened, e.g. `WorkflowCreated`." })
  type!: string;

  @Field(() => GraphQLISODateTime, { description: "When the event was recorded." })
  recordedAt!: Date;

  @Field(() => GraphQLJSON, { description: "The event's payload; its shape depends on `type`." })
  data!: unknown;
}
