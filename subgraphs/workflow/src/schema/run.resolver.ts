import { GraphQLJSON } from "graphql-scalars";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Run } from "../domain/run/run";
import type { RunService } from "../domain/run/run.service";
import type { WorkflowContext } from "./context";
import { WorkflowRun } from "./run.type";
import { WorkflowEvent } from "./workflow-event.type";
import { Workflow } from "./workflow.type";

const runId = () => Arg("runId", () => ID, { description: "The run's id." });

/** Thin: the tenant comes from the verified identity; RunService and the executor do the work. */
@Resolver(() => WorkflowRun)
export class RunResolver {
  constructor(private readonly runs: RunService) {}

  @Query(() => WorkflowRun, { nullable: true, description: "A run of the caller's tenant by id; null when there is none." })
  workflowRun(@Arg("id", () => ID, { description: "The run's id." }) id: string, @Ctx() ctx: WorkflowContext) {
    return ctx.loaders.runById.load(id);
  }

  @Mutation(() => WorkflowRun, { description: "Starts a run of an ACTIVE workflow. The same idempotencyKey returns the same run." })
  startRun(
    @Arg("workflowId", () => ID, { description: "The workflow to run." }) workflowId: string,
    @Arg("input", () => GraphQLJSON, { nullable: true, description: "The run's input (JSON, at most 256 KB); expressions read it as `input`." }) input: unknown,
    @Arg("idempotencyKey", () => String, { nullable: true, description: "Retries of one request send the same key and get the same run." }) key: string | null,
    @Ctx() ctx: WorkflowContext,
  ) {
    return this.runs.start(ctx.identity.tenantId, workflowId, input, key);
  }

  @Mutation(() => WorkflowRun, { description: "Cancels an unfinished run; in-flight steps are aborted." })
  cancelRun(@runId() id: string, @Arg("reason", () => String, { nullable: true, description: "Why, for the history." }) reason: string | null, @Ctx() ctx: WorkflowContext) {
    return this.runs.cancel(ctx.identity.tenantId, id, reason);
  }

  @Mutation(() => WorkflowRun, { description: "Resumes the step waiting for `signal` (human in the loop); its output becomes `payload`." })
  signalRun(
    @runId() id: string,
    @Arg("signal", () => String, { description: "The signal name a waitForSignal node waits for." }) signal: string,
    @Arg("payload", () => GraphQLJSON, { nullable: true, description: "Data for the rest of the run (`steps.<nodeId>`)." }) payload: unknown,
    @Ctx() ctx: WorkflowContext,
  ) {
    return this.runs.signal(ctx.identity.tenantId, id, signal, payload);
  }

  @Mutation(() => WorkflowRun, { description: "Resumes a FAILED run from its failed steps, keeping completed ones." })
  retryRun(@runId() id: string, @Ctx() ctx: WorkflowContext) {
    return this.runs.retry(ctx.identity.tenantId, id);
  }

  @FieldResolver(() => Workflow, { nullable: true, description: "The workflow run (its current state; `workflowVersion` is the version run)." })
  workflow(@Root() run: Run, @Ctx() ctx: WorkflowContext) {
    return ctx.loaders.workflowById.load(run.workflowId);
  }

  @FieldResolver(() => [WorkflowEvent], { description: "Every event of the run, oldest first: each step transition." })
  async history(@Root() run: Run, @Ctx() ctx: WorkflowContext): Promise<WorkflowEvent[]> {
    const events = await this.runs.history(ctx.identity.tenantId, run.id);
    return events.map((event) => ({ ...event, position: event.position.toString() }));
  }
}
