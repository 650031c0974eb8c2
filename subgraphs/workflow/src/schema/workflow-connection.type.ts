import { PageInfo } from "@aiwf/platform";
import { Field, Int, ObjectType } from "type-graphql";
import { Workflow } from "./workflow.type";

@ObjectType({ description: "A workflow in a list, with the cursor that marks its place (Relay)." })
export class WorkflowEdge {
  @Field(() => String, { description: "Opaque: pass as `after` to continue after this workflow." })
  cursor!: string;

  @Field(() => Workflow, { description: "The workflow." })
  node!: Workflow;
}

@ObjectType({ description: "A page of workflows, newest first (Relay connection)." })
export class WorkflowConnection {
  @Field(() => [WorkflowEdge], { description: "The workflows of this page." })
  edges!: WorkflowEdge[];

  @Field(() => PageInfo, { description: "Whether more workflows follow, and the cursor to get them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many workflows match the filter, across all pages." })
  totalCount!: number;
}
