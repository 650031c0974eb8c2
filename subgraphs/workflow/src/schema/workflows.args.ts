import { ArgsType, Field, Int } from "type-graphql";
import { WorkflowStatus } from "../domain/workflow";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../domain/workflow.service";

/** An args class, so Sandbox lists them in this order (parameter decorators print reversed). */
@ArgsType()
export class WorkflowsArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Continue after this cursor (an edge's `cursor` or `pageInfo.endCursor`)." })
  after?: string | null;

  @Field(() => WorkflowStatus, { nullable: true, description: "Only workflows in this status." })
  status?: WorkflowStatus | null;
}
