import { GraphQLJSON } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";

/** Resolvers return domain RecordedEvents, whose `position` (a bigint) is printed here. */
@ObjectType({ description: "One recorded change to a workflow: its history is the list of these, oldest first." })
export class WorkflowEvent {
  @Field(() => String, { description: "Order of the event in the whole event log: a 64-bit integer, as a string." })
  position!: string;

  @Field(() => Int, { description: "The workflow's version this event produced (1 for its creation)." })
  version!: number;

  @Field(() => String, { description: "What happened, e.g. `WorkflowCreated`." })
  type!: string;

  @Field(() => GraphQLISODateTime, { description: "When the event was recorded." })
  recordedAt!: Date;

  @Field(() => GraphQLJSON, { description: "The event's payload; its shape depends on `type`." })
  data!: unknown;
}
