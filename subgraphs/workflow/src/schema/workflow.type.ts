import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { WorkflowStatus } from "../domain/workflow";
import { WorkflowDefinition } from "./definition.type";

registerEnumType(WorkflowStatus, {
  name: "WorkflowStatus",
  description: "Where a workflow is in its life.",
  valuesConfig: {
    DRAFT: { description: "Being designed; cannot be run yet. Every new workflow starts here." },
    ACTIVE: { description: "Published: runs can be started." },
    ARCHIVED: { description: "Retired: kept for its history, no new runs." },
  },
});

/** Resolvers return domain Workflows; this class only describes them to GraphQL. */
@ObjectType({ description: "An automation a tenant designs and runs: a named graph of steps, event-sourced." })
@Directive('@key(fields: "id")')
export class Workflow {
  @Field(() => ID, { description: "Stable id of the workflow." })
  id!: string;

  @Field(() => String, { description: "The workflow's name, 1-200 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the workflow is for; null when not given." })
  description!: string | null;

  @Field(() => Int, { description: "The version of the workflow's event stream: 1 when created, one more per change." })
  version!: number;

  @Field(() => WorkflowStatus, { description: "Where the workflow is in its life; new workflows are DRAFT." })
  status!: WorkflowStatus;

  @Field(() => WorkflowDefinition, { description: "The current graph of steps. Runs keep the version they started with." })
  definition!: WorkflowDefinition;

  @Field(() => GraphQLISODateTime, { description: "When the workflow was created." })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "When the workflow last changed." })
  updatedAt!: Date;
}
