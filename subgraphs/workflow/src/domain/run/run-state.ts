import type { RecordedEvent } from "../event-store";
import { isFinished, RunStatus, StepStatus, type Run, type RunEventData, type RunEventType, type Step } from "./run";

/** Evolves a run by one event. Pure, so the projection, the executor and replays agree. */
export function evolveRun(state: Run | null, event: RecordedEvent): Run {
  const at = event.recordedAt;
  if (event.type === "RunStarted") {
    const data = event.data as unknown as RunEventData["RunStarted"];
    return {
      id: data.runId,
      workflowId: data.workflowId,
      workflowVersion: data.workflowVersion,
      definition: data.definition,
      status: RunStatus.QUEUED,
      input: data.input,
      output: null,
      error: null,
      idempotencyKey: data.idempotencyKey,
      steps: [],
      version: event.version,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    };
  }
  if (!state) throw new Error(`Stream ${event.streamId} starts with ${event.type}, not RunStarted`);
  const run: Run = { ...state, version: event.version, updatedAt: at };
  const data = event.data as never;
  switch (event.type as RunEventType) {
    case "StepStarted": {
      const { nodeId, attempt, input } = data as RunEventData["StepStarted"];
      const type = run.definition.nodes.find((node) => node.id === nodeId)?.type ?? "transform";
      const previous = run.steps.find((step) => step.nodeId === nodeId);
      const started: Step = {
        nodeId, type, attempt, input, status: StepStatus.RUNNING, attemptsBefore: previous?.attemptsBefore ?? 0,
        output: null, error: null, startedAt: at, finishedAt: null, dueAt: null, signal: null,
      };
      run.steps = previous ? run.steps.map((step) => (step.nodeId === nodeId ? started : step)) : [...run.steps, started];
      return withDerivedStatus(run);
    }
    case "StepWaiting": {
      const { nodeId, until, signal } = data as RunEventData["StepWaiting"];
      return withDerivedStatus(updateStep(run, nodeId, { status: StepStatus.WAITING, dueAt: until ? new Date(until) : null, signal }));
    }
    case "StepSucceeded": {
      const { nodeId, output } = data as RunEventData["StepSucceeded"];
      return withDerivedStatus(updateStep(run, nodeId, { status: StepStatus.SUCCEEDED, output, finishedAt: at, dueAt: null, error: null }));
    }
    case "StepFailed": {
      const { nodeId, error, retryAt } = data as RunEventData["StepFailed"];
      const status = retryAt ? StepStatus.RETRY_SCHEDULED : StepStatus.FAILED;
      return withDerivedStatus(updateStep(run, nodeId, { status, error, finishedAt: at, dueAt: retryAt ? new Date(retryAt) : null }));
    }
    case "StepSkipped": {
      const { nodeId } = data as RunEventData["StepSkipped"];
      const type = run.definition.nodes.find((node) => node.id === nodeId)?.type ?? "transform";
      const skipped: Step = {
        nodeId, type, status: StepStatus.SKIPPED, attempt: 0, attemptsBefore: 0, input: null, output: null,
        error: null, startedAt: null, finishedAt: at, dueAt: null, signal: null,
      };
      return { ...run, steps: [...run.steps, skipped] };
    }
    case "RunSucceeded":
      return { ...run, status: RunStatus.SUCCEEDED, output: (data as RunEventData["RunSucceeded"]).output, finishedAt: at };
    case "RunFailed":
      return { ...run, status: RunStatus.FAILED, error: (data as RunEventData["RunFailed"]).error, finishedAt: at };
    case "RunCancelled": {
      const steps = run.steps.map((step) => (isOpen(step) ? { ...step, status: StepStatus.CANCELLED, finishedAt: at, dueAt: null } : step));
      return { ...run, steps, status: RunStatus.CANCELLED, finishedAt: at };
    }
    case "RunRetried": {
      const steps = run.steps.map((step) =>
        step.status === StepStatus.FAILED ? { ...step, status: StepStatus.RETRY_SCHEDULED, attemptsBefore: step.attempt, dueAt: at } : step,
      );
      return { ...run, steps, status: RunStatus.RUNNING, error: null, finishedAt: null };
    }
    default:
      return run;
  }
}

export const isOpen = (step: Step) => step.status === "RUNNING" || step.status === "WAITING" || step.status === "RETRY_SCHEDULED";

function updateStep(run: Run, nodeId: string, change: Partial<Step>): Run {
  return { ...run, steps: run.steps.map((step) => (step.nodeId === nodeId ? { ...step, ...change } : step)) };
}

/** WAITING when every open step waits (a delay or a signal); otherwise RUNNING. */
function withDerivedStatus(run: Run): Run {
  if (isFinished(run.status)) return run;
  const open = run.steps.filter(isOpen);
  const waiting = open.length > 0 && open.every((step) => step.status === StepStatus.WAITING);
  return { ...run, status: waiting ? RunStatus.WAITING : RunStatus.RUNNING };
}

export function foldRun(events: readonly RecordedEvent[], initial: Run | null = null): Run | null {
  return events.reduce<Run | null>((state, event) => evolveRun(state, event), initial);
}
