import { GraphQLJSON } from "graphql-scalars";
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { RunStatus, StepStatus } from "../domain/run/run";

registerEnumType(RunStatus, {
  name: "RunStatus",
  description: "Where a run is.",
  valuesConfig: {
    QUEUED: { description: "Started, no step has run yet: waiting for the executor, or for a slot while the tenant has MAX_RUNNING_RUNS_PER_TENANT runs executing." },
    RUNNING: { description: "Steps are running or about to." },
    WAITING: { description: "Every open step waits: for a delay to end or for a signal (signalRun)." },
    SUCCEEDED: { description: "Every node ran or was skipped; `output` holds the results." },
    FAILED: { description: "A step failed for the last time; `error` says which. retryRun resumes it." },
    CANCELLED: { description: "Stopped by cancelRun; in-flight steps were aborted." },
  },
});

registerEnumType(StepStatus, {
  name: "StepStatus",
  description: "Where one step of a run is.",
  valuesConfig: {
    RUNNING: { description: "The attempt is in progress." },
    WAITING: { description: "A delay or a signal is awaited." },
    RETRY_SCHEDULED: { description: "The attempt failed; another is due at `dueAt`." },
    SUCCEEDED: { description: "Done; `output` is its result." },
    FAILED: { description: "Failed for the last time." },
    SKIPPED: { description: "On a branch not taken." },
    CANCELLED: { description: "The run was cancelled while the step was open." },
  },
});

@ObjectType({ description: "Why a step attempt failed." })
export class StepError {
  @Field(() => String, { description: "What went wrong." })
  message!: string;

  @Field(() => String, { description: "HTTP_<status>, TIMEOUT, EXPRESSION, STEP_ERROR or an error code of the callee." })
  code!: string;

  @Field(() => Boolean, { description: "Whether another attempt may succeed." })
  retryable!: boolean;
}

@ObjectType({ description: "Why a run failed." })
export class RunError {
  @Field(() => String, { description: "The failed step's message." })
  message!: string;

  @Field(() => String, { description: "The failed step's error code." })
  code!: string;

  @Field(() => String, { nullable: true, description: "The node that failed." })
  nodeId!: string | null;
}

@ObjectType({ description: "One node's progress in a run (its latest attempt)." })
export class RunStep {
  @Field(() => String, { description: "The node of the run's definition." })
  nodeId!: string;

  @Field(() => String, { description: "The node's type." })
  type!: string;

  @Field(() => StepStatus, { description: "Where the step is." })
  status!: StepStatus;

  @Field(() => Int, { description: "The attempt number, 1 for the first; 0 for a skipped step." })
  attempt!: number;

  @Field(() => GraphQLJSON, { nullable: true, description: "What the attempt sent (http request, llm prompt); null for other types." })
  input!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "The step's result, readable by later expressions as `steps.<nodeId>`." })
  output!: unknown;

  @Field(() => StepError, { nullable: true, description: "The last attempt's failure, if it failed." })
  error!: StepError | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the latest attempt started." })
  startedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the step settled (or the attempt failed)." })
  finishedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "A delay's end or the next retry's time." })
  dueAt!: Date | null;
}

@ObjectType({ description: "One execution of a workflow, event-sourced: every step transition is an event." })
@Directive('@key(fields: "id")')
export class WorkflowRun {
  @Field(() => ID, { description: "Stable id of the run." })
  id!: string;

  @Field(() => Int, { description: "The workflow version (and so the definition) the run executes." })
  workflowVersion!: number;

  @Field(() => RunStatus, { description: "Where the run is." })
  status!: RunStatus;

  @Field(() => GraphQLJSON, { nullable: true, description: "The input the run was started with; expressions read it as `input`." })
  input!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "When SUCCEEDED: the outputs of the final nodes, by node id." })
  output!: unknown;

  @Field(() => RunError, { nullable: true, description: "When FAILED: which step failed and why." })
  error!: RunError | null;

  @Field(() => [RunStep], { description: "The steps reached so far, in the order they started." })
  steps!: RunStep[];

  @Field(() => String, { nullable: true, description: "The idempotency key it was started with." })
  idempotencyKey!: string | null;

  @Field(() => GraphQLISODateTime, { description: "When the run was started." })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "When the run last changed." })
  updatedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the run succeeded, failed or was cancelled." })
  finishedAt!: Date | null;
}
