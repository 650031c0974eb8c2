import type { NodeType, WorkflowDefinition } from "../definition/definition";

export const RunStatus = { QUEUED: "QUEUED", RUNNING: "RUNNING", WAITING: "WAITING", SUCCEEDED: "SUCCEEDED", FAILED: "FAILED", CANCELLED: "CANCELLED" } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];
export const isFinished = (status: RunStatus) => status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";

export const StepStatus = {
  RUNNING: "RUNNING",
  WAITING: "WAITING",
  RETRY_SCHEDULED: "RETRY_SCHEDULED",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  SKIPPED: "SKIPPED",
  CANCELLED: "CANCELLED",
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];

export interface StepError {
  message: string;
  /** A DomainError code, HTTP_<status>, TIMEOUT, or EXPRESSION. */
  code: string;
  retryable: boolean;
}

/** One node's progress in a run: the latest attempt. */
export interface Step {
  nodeId: string;
  type: NodeType;
  status: StepStatus;
  attempt: number;
  /** Attempts before the last retryRun; the node's retry budget counts from here. */
  attemptsBefore: number;
  input: unknown;
  output: unknown;
  error: StepError | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A durable timer: a delay's end or a retry's backoff. */
  dueAt: Date | null;
  /** The signal a waitForSignal step waits for. */
  signal: string | null;
}

export interface RunError {
  message: string;
  code: string;
  nodeId: string | null;
}

/** A run's current state: what its `run-<id>` stream folds to. */
export interface Run {
  id: string;
  workflowId: string;
  workflowVersion: number;
  /** The definition the run started with; edits to the workflow never change it. */
  definition: WorkflowDefinition;
  status: RunStatus;
  input: unknown;
  output: unknown;
  error: RunError | null;
  idempotencyKey: string | null;
  /** In the order they first started. */
  steps: Step[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** The events of a run stream, by type. Times are the events' recordedAt. */
export interface RunEventData {
  RunStarted: { runId: string; workflowId: string; workflowVersion: number; definition: WorkflowDefinition; input: unknown; idempotencyKey: string | null };
  StepStarted: { nodeId: string; attempt: number; input: unknown };
  StepWaiting: { nodeId: string; attempt: number; until: string | null; signal: string | null };
  StepSucceeded: { nodeId: string; attempt: number; output: unknown };
  /** `retryAt` null: the node's last attempt, the run fails. */
  StepFailed: { nodeId: string; attempt: number; error: StepError; retryAt: string | null };
  StepSkipped: { nodeId: string };
  RunSucceeded: { output: unknown };
  RunFailed: { error: RunError };
  RunCancelled: { reason: string | null };
  /** retryRun: failed steps get a new attempt (and budget), completed steps are kept. */
  RunRetried: Record<string, never>;
}
export type RunEventType = keyof RunEventData;

const STREAM_PREFIX = "run-";
export const runStreamId = (runId: string) => `${STREAM_PREFIX}${runId}`;
export const runIdOfStream = (streamId: string) => (streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined);

export const runEvent = <T extends RunEventType>(type: T, data: RunEventData[T]) => ({ type, data: { ...data } as Record<string, unknown> });
