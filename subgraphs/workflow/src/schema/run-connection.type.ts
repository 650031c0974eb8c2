import { PageInfo } from "@aiwf/platform";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { RunStatus } from "../domain/run/run";
import { WorkflowRun } from "./run.type";

@ObjectType({ description: "A run in a list, with its cursor (Relay)." })
export class WorkflowRunEdge {
  @Field(() => String, { description: "Opaque: pass as `after` to continue after this run." })
  cursor!: string;

  @Field(() => WorkflowRun, { description: "The run." })
  node!: WorkflowRun;
}

@ObjectType({ description: "A page of a workflow's runs, newest first (Relay connection)." })
export class WorkflowRunConnection {
  @Field(() => [WorkflowRunEdge], { description: "The runs of this page." })
  edges!: WorkflowRunEdge[];

  @Field(() => PageInfo, { description: "Whether more runs follow, and the cursor to get them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many runs match the filter, across all pages." })
  totalCount!: number;
}

@ArgsType()
export class WorkflowRunsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 1-100." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Continue after this cursor." })
  after?: string | null;

  @Field(() => RunStatus, { nullable: true, description: "Only runs in this status." })
  status?: RunStatus | null;
}
