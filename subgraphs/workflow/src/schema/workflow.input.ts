import { Field, InputType } from "type-graphql";

/** Shape only: the domain validates and normalizes (trims, limits), naming the field at fault. */
@InputType({ description: "A new workflow. It starts as a DRAFT at version 1." })
export class CreateWorkflowInput {
  @Field(() => String, { description: "The workflow's name: 1-200 characters after trimming, no control characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the workflow is for, at most 2000 characters; empty means none." })
  description?: string | null;
}
