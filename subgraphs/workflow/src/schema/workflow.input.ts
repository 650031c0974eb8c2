import { Field, InputType } from "type-graphql";
import { WorkflowDefinitionInput } from "./definition.type";

/** Shape only: the domain validates and normalizes (trims, limits), naming the field at fault. */
@InputType({ description: "A new workflow. It starts as a DRAFT at version 1." })
export class CreateWorkflowInput {
  @Field(() => String, { description: "The workflow's name: 1-200 characters after trimming, no control characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the workflow is for, at most 2000 characters; empty means none." })
  description?: string | null;

  @Field(() => WorkflowDefinitionInput, { nullable: true, description: "The graph of steps; may be given later with updateWorkflow." })
  definition?: WorkflowDefinitionInput | null;
}

@InputType({ description: "Changes to a workflow; omitted fields stay as they are." })
export class UpdateWorkflowInput {
  @Field(() => String, { nullable: true, description: "A new name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "A new description; empty clears it." })
  description?: string | null;

  @Field(() => WorkflowDefinitionInput, { nullable: true, description: "A new definition; runs already started keep theirs." })
  definition?: WorkflowDefinitionInput | null;
}
