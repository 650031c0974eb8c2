import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RecordedEvent } from "../domain/event-store";
import type { Workflow as WorkflowState } from "../domain/workflow";
import { encodeWorkflowCursor } from "../domain/workflow-cursor";
import type { WorkflowService } from "../domain/workflow.service";
import type { WorkflowContext } from "./context";
import { WorkflowConnection } from "./workflow-connection.type";
import { WorkflowEvent } from "./workflow-event.type";
import { CreateWorkflowInput } from "./workflow.input";
import { Workflow } from "./workflow.type";
import { WorkflowsArgs } from "./workflows.args";

/** Thin: the tenant comes from the verified identity, every rule lives in WorkflowService. */
@Resolver(() => Workflow)
export class WorkflowResolver {
  constructor(private readonly service: WorkflowService) {}

  @Query(() => Workflow, { nullable: true, description: "A workflow of the caller's tenant by id; null when there is none." })
  workflow(@Arg("id", () => ID, { description: "The workflow's id." }) id: string, @Ctx() ctx: WorkflowContext) {
    return ctx.loaders.workflowById.load(id);
  }

  @Query(() => WorkflowConnection, { description: "The caller's tenant's workflows, newest first." })
  async workflows(@Args(() => WorkflowsArgs) args: WorkflowsArgs, @Ctx() ctx: WorkflowContext): Promise<WorkflowConnection> {
    const page = await this.service.list(ctx.identity.tenantId, args);
    const edges = page.workflows.map((node) => ({ cursor: encodeWorkflowCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Mutation(() => Workflow, { description: "Creates a workflow in the caller's tenant, as a DRAFT at version 1." })
  async createWorkflow(@Arg("input", () => CreateWorkflowInput, { description: "The new workflow." }) input: CreateWorkflowInput, @Ctx() ctx: WorkflowContext) {
    const created = await this.service.create(ctx.identity.tenantId, input);
    ctx.loaders.workflowById.prime(created.id, created);
    return created;
  }

  @FieldResolver(() => [WorkflowEvent], { description: "Every change to the workflow, oldest first." })
  async history(@Root() workflow: WorkflowState, @Ctx() ctx: WorkflowContext): Promise<WorkflowEvent[]> {
    const events = await this.service.history(ctx.identity.tenantId, workflow.id);
    return events.map((event: RecordedEvent) => ({ ...event, position: event.position.toString() }));
  }
}
