import { Arg, Args, Ctx, FieldResolver, GraphQLISODateTime, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { encodeRunCursor } from "../domain/run/run-cursor";
import type { RunService } from "../domain/run/run.service";
import { WorkflowRunConnection, WorkflowRunsArgs } from "./run-connection.type";
import type { RecordedEvent } from "../domain/event-store";
import type { Workflow as WorkflowState } from "../domain/workflow";
import { encodeWorkflowCursor } from "../domain/workflow-cursor";
import type { WorkflowService } from "../domain/workflow.service";
import type { WorkflowContext } from "./context";
import { WorkflowConnection } from "./workflow-connection.type";
import { WorkflowEvent } from "./workflow-event.type";
import { CreateWorkflowInput, UpdateWorkflowInput } from "./workflow.input";
import { Workflow } from "./workflow.type";
import { WorkflowsArgs } from "./workflows.args";

/** Thin: the tenant comes from the verified identity, every rule lives in WorkflowService. */
@Resolver(() => Workflow)
export class WorkflowResolver {
  constructor(
    private readonly service: WorkflowService,
    private readonly runs?: RunService,
  ) {}

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

  @Query(() => Workflow, { nullable: true, description: "A workflow as it was at `asOf` (replayed from its events); null if it did not exist yet." })
  workflowAt(
    @Arg("id", () => ID, { description: "The workflow's id." }) id: string,
    @Arg("asOf", () => GraphQLISODateTime, { description: "The moment to look at." }) asOf: Date,
    @Ctx() ctx: WorkflowContext,
  ) {
    return this.service.at(ctx.identity.tenantId, id, asOf);
  }

  @Mutation(() => Workflow, { description: "Changes a workflow if it is still at `expectedVersion` (else CONFLICT). Runs keep the definition they started with." })
  updateWorkflow(
    @Arg("id", () => ID, { description: "The workflow's id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version the change was made against (optimistic concurrency)." }) expectedVersion: number,
    @Arg("input", () => UpdateWorkflowInput, { description: "The changes." }) input: UpdateWorkflowInput,
    @Ctx() ctx: WorkflowContext,
  ) {
    return this.service.update(ctx.identity.tenantId, id, expectedVersion, input);
  }

  @Mutation(() => Workflow, { description: "Publishes a workflow (DRAFT to ACTIVE) so runs can start; it needs a definition." })
  activateWorkflow(@Arg("id", () => ID, { description: "The workflow's id." }) id: string, @Ctx() ctx: WorkflowContext) {
    return this.service.activate(ctx.identity.tenantId, id);
  }

  @Mutation(() => Workflow, { description: "Retires a workflow: no new runs; running ones finish." })
  archiveWorkflow(@Arg("id", () => ID, { description: "The workflow's id." }) id: string, @Ctx() ctx: WorkflowContext) {
    return this.service.archive(ctx.identity.tenantId, id);
  }

  @FieldResolver(() => WorkflowRunConnection, { name: "runs", description: "The workflow's runs, newest first." })
  async runList(@Root() workflow: WorkflowState, @Args(() => WorkflowRunsArgs) args: WorkflowRunsArgs, @Ctx() ctx: WorkflowContext): Promise<WorkflowRunConnection> {
    if (!this.runs) throw new Error("runs are not served by this schema instance");
    const page = await this.runs.list(ctx.identity.tenantId, workflow.id, args);
    const edges = page.runs.map((node) => ({ cursor: encodeRunCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount } as never;
  }

  @FieldResolver(() => [WorkflowEvent], { description: "Every change to the workflow, oldest first." })
  async history(@Root() workflow: WorkflowState, @Ctx() ctx: WorkflowContext): Promise<WorkflowEvent[]> {
    const events = await this.service.history(ctx.identity.tenantId, workflow.id);
    return events.map((event: RecordedEvent) => ({ ...event, position: event.position.toString() }));
  }
}
