import { createHash, randomUUID } from "node:crypto";
import { badInput, conflict, isDomainError, notFound } from "@aiwf/platform";
import { NO_STREAM, type EventStore, type NewEvent, type RecordedEvent } from "../event-store";
import { WorkflowStatus } from "../workflow";
import type { WorkflowReadModel } from "../workflow-read-model";
import { isFinished, runEvent, runStreamId, type Run, type RunStatus } from "./run";
import type { RunReadModel } from "./run-ports";
import { foldRun } from "./run-state";
import { decodeRunCursor } from "./run-cursor";

export const MAX_INPUT_BYTES = 256 * 1024;
const MAX_KEY_LENGTH = 200;

export interface RunServiceDeps {
  events: EventStore;
  runs: RunReadModel;
  workflows: WorkflowReadModel;
  /** Tells the executor of this process that a run changed (started, signalled, cancelled, retried). */
  onRunChanged?: (change: { tenantId: string; runId: string; cancelled: boolean }) => void;
}

/** Starting and steering runs; the executor does the rest. Every call is scoped to a tenant. */
export class RunService {
  constructor(private readonly deps: RunServiceDeps) {}

  /** The same idempotency key (per workflow) returns the same run, however often it is sent. */
  async start(tenantId: string, workflowId: string, input: unknown, idempotencyKey?: string | null): Promise<Run> {
    const [workflow] = await this.deps.workflows.findByIds(tenantId, [workflowId]);
    if (!workflow) throw notFound("Workflow", workflowId);
    if (idempotencyKey != null && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_KEY_LENGTH)) {
      throw badInput("idempotencyKey", `An idempotency key has 1-${MAX_KEY_LENGTH} characters`);
    }
    const runId = idempotencyKey ? keyedRunId(tenantId, workflowId, idempotencyKey) : randomUUID();
    const existing = idempotencyKey ? await this.find(tenantId, runId) : null;
    if (existing) return existing;
    if (workflow.status !== WorkflowStatus.ACTIVE) throw badInput("workflowId", `Workflow ${workflowId} is ${workflow.status}; only ACTIVE workflows run`);
    if (Buffer.byteLength(JSON.stringify(input ?? null)) > MAX_INPUT_BYTES) throw badInput("input", `A run input has at most ${MAX_INPUT_BYTES} bytes of JSON`);
    const started = runEvent("RunStarted", {
      runId, workflowId, workflowVersion: workflow.version, definition: workflow.definition, input: input ?? null, idempotencyKey: idempotencyKey ?? null,
    });
    try {
      await this.deps.events.appendToStream(tenantId, runStreamId(runId), NO_STREAM, [started]);
    } catch (error) {
      // The same key sent twice at once: the other request created the run.
      if (!(isDomainError(error) && error.code === "CONFLICT")) throw error;
    }
    this.deps.onRunChanged?.({ tenantId, runId, cancelled: false });
    return (await this.find(tenantId, runId))!;
  }

  cancel(tenantId: string, runId: string, reason?: string | null): Promise<Run> {
    return this.change(tenantId, runId, true, (run) => {
      if (isFinished(run.status)) throw conflict(`Run ${runId} already ${run.status}`, { reason: "RUN_FINISHED" });
      return [runEvent("RunCancelled", { reason: reason ?? null })];
    });
  }

  /** Resumes the step waiting for `signal`, whose output becomes `payload`. */
  signal(tenantId: string, runId: string, signal: string, payload: unknown): Promise<Run> {
    return this.change(tenantId, runId, false, (run) => {
      const waiting = run.steps.find((step) => step.status === "WAITING" && step.signal === signal);
      if (!waiting) throw badInput("signal", `Run ${runId} is not waiting for signal "${signal}"`);
      return [runEvent("StepSucceeded", { nodeId: waiting.nodeId, attempt: waiting.attempt, output: payload ?? null })];
    });
  }

  /** Runs a failed run again from its failed steps; completed steps keep their outputs. */
  retry(tenantId: string, runId: string): Promise<Run> {
    return this.change(tenantId, runId, false, (run) => {
      if (run.status !== "FAILED") throw conflict(`Run ${runId} is ${run.status}; only FAILED runs can be retried`, { reason: "RUN_NOT_FAILED" });
      return [runEvent("RunRetried", {})];
    });
  }

  async find(tenantId: string, runId: string): Promise<Run | null> {
    return (await this.deps.runs.findByIds(tenantId, [runId]))[0] ?? null;
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<Array<Run | null>> {
    const found = new Map((await this.deps.runs.findByIds(tenantId, ids)).map((run) => [run.id, run]));
    return ids.map((id) => found.get(id) ?? null);
  }

  list(tenantId: string, workflowId: string, args: { first?: number | null; after?: string | null; status?: RunStatus | null }) {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput("first", "first must be between 1 and 100");
    return this.deps.runs.list(tenantId, { workflowId, first, after: decodeRunCursor(args.after), status: args.status ?? undefined });
  }

  history(tenantId: string, runId: string): Promise<RecordedEvent[]> {
    return this.deps.events.readStream(tenantId, runStreamId(runId));
  }

  /** Decides against the stream's latest state; a concurrent append (the executor's) means decide again. */
  private async change(tenantId: string, runId: string, cancelled: boolean, decideEvents: (run: Run) => NewEvent[]): Promise<Run> {
    for (let tries = 0; ; tries++) {
      const events = await this.deps.events.readStream(tenantId, runStreamId(runId));
      const run = foldRun(events);
      if (!run) throw notFound("WorkflowRun", runId);
      try {
        await this.deps.events.appendToStream(tenantId, runStreamId(runId), run.version, decideEvents(run));
        break;
      } catch (error) {
        if (!(isDomainError(error) && error.code === "CONFLICT" && error.details?.reason === "STALE_VERSION") || tries >= 10) throw error;
      }
    }
    this.deps.onRunChanged?.({ tenantId, runId, cancelled });
    return (await this.find(tenantId, runId))!;
  }
}

/** A deterministic run id per (tenant, workflow, key): a retried startRun lands on the same stream. */
function keyedRunId(tenantId: string, workflowId: string, key: string): string {
  const hex = createHash("sha256").update(JSON.stringify([tenantId, workflowId, key])).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
