import { ELSE_BRANCH, incomingEdges, outgoingEdges, type WorkflowEdge, type WorkflowNode } from "../definition/definition";
import type { NewEvent } from "../event-store";
import { isFinished, runEvent, StepStatus, type Run, type Step } from "./run";

/** A step the executor must run now: a first attempt, a retry, or (resume) an attempt a crash interrupted. */
export interface StepToRun {
  node: WorkflowNode;
  attempt: number;
  /** Started before (StepStarted recorded) but never completed: run it again with the same attempt and input. */
  resume: boolean;
}

export type Decision =
  /** Bookkeeping to record before anything else: skips, elapsed delays, the run's end. */
  | { kind: "record"; events: NewEvent[] }
  /** Steps to run; `wakeAt` is the earliest durable timer, if any. */
  | { kind: "run"; steps: StepToRun[]; wakeAt: Date | null }
  /** Nothing to do until a signal, a timer (`wakeAt`) or in-flight steps complete. */
  | { kind: "idle"; wakeAt: Date | null }
  | { kind: "finished" };

/**
 * The orchestration, Temporal's way: a pure function of the run's state (its folded events)
 * and the time. It decides; the executor performs. Steps in `inFlight` are running in this
 * process right now and are not started twice.
 */
export function decide(run: Run, now: Date, inFlight: ReadonlySet<string> = new Set()): Decision {
  if (isFinished(run.status)) return { kind: "finished" };
  const steps = new Map(run.steps.map((step) => [step.nodeId, step]));
  const failed = run.steps.find((step) => step.status === StepStatus.FAILED);
  if (failed) {
    const error = { message: failed.error?.message ?? "Step failed", code: failed.error?.code ?? "STEP_FAILED", nodeId: failed.nodeId };
    return { kind: "record", events: [runEvent("RunFailed", { error })] };
  }
  const record: NewEvent[] = [];
  const toRun: StepToRun[] = [];
  let wakeAt: Date | null = null;
  const wakeAtLeast = (due: Date) => (wakeAt = wakeAt && wakeAt < due ? wakeAt : due);

  for (const node of run.definition.nodes) {
    if (inFlight.has(node.id)) continue;
    const step = steps.get(node.id);
    if (!step) {
      const readiness = readinessOf(run, node, steps);
      if (readiness === "ready") toRun.push({ node, attempt: 1, resume: false });
      if (readiness === "skip") record.push(runEvent("StepSkipped", { nodeId: node.id }));
      continue;
    }
    if (step.status === StepStatus.RUNNING) toRun.push({ node, attempt: step.attempt, resume: true });
    else if (step.status === StepStatus.WAITING && step.dueAt) {
      if (step.dueAt <= now) record.push(runEvent("StepSucceeded", { nodeId: node.id, attempt: step.attempt, output: null }));
      else wakeAtLeast(step.dueAt);
    } else if (step.status === StepStatus.RETRY_SCHEDULED && step.dueAt) {
      if (step.dueAt <= now) toRun.push({ node, attempt: step.attempt + 1, resume: false });
      else wakeAtLeast(step.dueAt);
    }
  }
  if (record.length > 0) return { kind: "record", events: record };
  if (toRun.length > 0) return { kind: "run", steps: toRun, wakeAt };
  const settled = run.definition.nodes.every((node) => isSettled(steps.get(node.id)));
  if (settled && inFlight.size === 0) return { kind: "record", events: [runEvent("RunSucceeded", { output: runOutput(run) })] };
  return { kind: "idle", wakeAt };
}

const isSettled = (step: Step | undefined) => step?.status === StepStatus.SUCCEEDED || step?.status === StepStatus.SKIPPED;

/**
 * A node runs once every incoming edge is decided and at least one is taken; it is skipped
 * when none is (a branch not chosen, or every predecessor skipped). The entry node runs first.
 */
function readinessOf(run: Run, node: WorkflowNode, steps: Map<string, Step>): "ready" | "skip" | "wait" {
  const incoming = incomingEdges(run.definition, node.id);
  if (incoming.length === 0) return "ready";
  let taken = false;
  for (const edge of incoming) {
    const from = steps.get(edge.from);
    if (!from || !isSettled(from)) return "wait";
    if (from.status === StepStatus.SUCCEEDED && isTaken(run, edge, from)) taken = true;
  }
  return taken ? "ready" : "skip";
}

/** An edge out of a condition is taken when its label equals the value; `else` when no label does. */
export function isTaken(run: Run, edge: WorkflowEdge, from: Step): boolean {
  if (from.type !== "condition") return true;
  const value = typeof from.output === "string" ? from.output : JSON.stringify(from.output);
  if (edge.when === value) return true;
  return edge.when === ELSE_BRANCH && !outgoingEdges(run.definition, from.nodeId).some((other) => other.when === value);
}

/** The outputs of the sink nodes that ran, by node id. */
function runOutput(run: Run): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const step of run.steps) {
    if (step.status === StepStatus.SUCCEEDED && outgoingEdges(run.definition, step.nodeId).length === 0) output[step.nodeId] = step.output;
  }
  return output;
}

/** What expressions see: the run input and each completed step's output. */
export function runScope(run: Run) {
  const steps: Record<string, unknown> = {};
  for (const step of run.steps) if (step.status === StepStatus.SUCCEEDED) steps[step.nodeId] = step.output;
  return { input: run.input, steps };
}
