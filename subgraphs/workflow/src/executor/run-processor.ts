import type { Logger } from "@aiwf/platform";
import { backoffMs, DEFAULT_TIMEOUT_MS, isSideEffecting, retryPolicyOf, type SideEffectingType, type WorkflowNode } from "../domain/definition/definition";
import type { EventStore, NewEvent } from "../domain/event-store";
import { decide, runScope, type StepToRun } from "../domain/run/orchestrator";
import { isFinished, runEvent, type Run, type StepError } from "../domain/run/run";
import type { Activities } from "./activities";
import { RunSession } from "./run-session";
import { toStepError } from "./step-failure";
import { evaluatePure, prepareInput } from "./step-inputs";

export interface ProcessorDeps {
  events: EventStore;
  activities: Activities;
  now: () => Date;
  /** In [0, 1): the jitter of retry backoff. Injected so tests can fix it. */
  random: () => number;
  logger: Logger;
}

export interface ProcessOutcome {
  finished: boolean;
  /** The next durable timer (a delay's end, a retry); null when only a signal can move the run. */
  wakeAt: Date | null;
}

const PURE = new Set(["transform", "condition", "parallel", "join"]);

/**
 * Advances one run as far as it can go now: decide, record, perform, repeat. Side-effecting
 * steps run concurrently. Transitions that need no I/O (pure steps, timers, bookkeeping) are
 * held in memory and decided on from there; they are appended in one batch before any step
 * with a side effect starts and before the processor waits or returns. Nothing leaves the
 * process between appends, so a crash at any point resumes from the log and decides the same
 * again. `stop` aborts in-flight steps (cancellation, a lost lease).
 */
export async function processRun(deps: ProcessorDeps, tenantId: string, runId: string, stop: AbortSignal): Promise<ProcessOutcome> {
  const session = await RunSession.load(deps.events, deps.now, tenantId, runId);
  if (!session) return { finished: true, wakeAt: null };
  const inFlight = new Map<string, Promise<void>>();
  const cancelled = new AbortController();
  const abortAll = () => cancelled.abort(new Error("The run was cancelled or its lease lost"));
  stop.addEventListener("abort", abortAll, { once: true });
  try {
    for (;;) {
      if (stop.aborted) return { finished: false, wakeAt: null };
      const run = session.latest;
      const decision = decide(run, deps.now(), new Set(inFlight.keys()));
      if (decision.kind === "finished") {
        if (!(await session.flush())) continue;
        abortAll();
        await Promise.allSettled(inFlight.values());
        return { finished: true, wakeAt: null };
      }
      if (decision.kind === "record") {
        session.hold(decision.events, run);
        continue;
      }
      if (decision.kind === "run") {
        const local = await pureAndTimerEvents(deps, run, decision.steps.filter((step) => PURE.has(step.node.type) || !isActivity(step.node)));
        if (!session.hold(local, run)) continue;
        const activities = decision.steps.filter((candidate) => isActivity(candidate.node));
        // An activity starts from the recorded run: what it was decided on must be in the log first.
        if (activities.length > 0 && !(await session.flush())) continue;
        for (const step of activities) {
          const work = runActivity(deps, session, step, cancelled.signal).finally(() => inFlight.delete(step.node.id));
          inFlight.set(step.node.id, work);
        }
        continue;
      }
      if (!(await session.flush())) continue;
      if (inFlight.size > 0) {
        await Promise.race(inFlight.values());
        continue;
      }
      return { finished: false, wakeAt: decision.wakeAt };
    }
  } finally {
    stop.removeEventListener("abort", abortAll);
  }
}

const isActivity = (node: WorkflowNode) => isSideEffecting(node.type);

/** The events of pure nodes and timers, which need no I/O, decided from `run`. */
async function pureAndTimerEvents(deps: ProcessorDeps, run: Run, steps: StepToRun[]): Promise<NewEvent[]> {
  if (steps.length === 0) return [];
  const scope = runScope(run);
  const events: NewEvent[] = [];
  for (const { node, attempt, resume } of steps) {
    const at = { nodeId: node.id, attempt };
    if (!resume) events.push(runEvent("StepStarted", { ...at, input: null }));
    if (node.type === "delay") {
      const until = new Date(deps.now().getTime() + Number(node.config.durationMs));
      events.push(runEvent("StepWaiting", { ...at, until: until.toISOString(), signal: null }));
    } else if (node.type === "waitForSignal") {
      events.push(runEvent("StepWaiting", { ...at, until: null, signal: String(node.config.signal) }));
    } else {
      try {
        events.push(runEvent("StepSucceeded", { ...at, output: await evaluatePure(node, run, scope) }));
      } catch (error) {
        events.push(failure(deps, run, node, attempt, toStepError(error)));
      }
    }
  }
  return events;
}

async function runActivity(deps: ProcessorDeps, session: RunSession, { node, attempt, resume }: StepToRun, cancelled: AbortSignal): Promise<void> {
  const at = { nodeId: node.id, attempt };
  let input: unknown;
  if (resume) {
    input = session.run.steps.find((step) => step.nodeId === node.id)?.input;
  } else {
    try {
      input = await prepareInput(node, runScope(session.run));
    } catch (error) {
      await session.append((run) => [runEvent("StepStarted", { ...at, input: null }), failure(deps, run, node, attempt, toStepError(error))]);
      return;
    }
    await session.append(() => [runEvent("StepStarted", { ...at, input })]);
  }
  const timeoutMs = node.timeoutMs ?? (node.config.timeoutMs as number | undefined) ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.any([cancelled, AbortSignal.timeout(timeoutMs)]);
  const context = { tenantId: session.tenantId, runId: session.run.id, signal, idempotencyKey: `${session.run.id}:${node.id}:${attempt}` };
  let outcome: (run: Run) => NewEvent[];
  try {
    const output = await deps.activities[node.type as SideEffectingType](input as never, context);
    outcome = () => [runEvent("StepSucceeded", { ...at, output })];
  } catch (error) {
    if (cancelled.aborted) return; // the run was cancelled (or the lease lost): record nothing
    const stepError = toStepError(error, signal);
    deps.logger.debug({ runId: session.run.id, nodeId: node.id, attempt, err: error }, "step attempt failed");
    outcome = (run) => [failure(deps, run, node, attempt, stepError)];
  }
  // Only if the step is still this attempt's and running (a cancel may have come in between).
  await session.append((run) => {
    const step = run.steps.find((candidate) => candidate.nodeId === node.id);
    return !isFinished(run.status) && step?.status === "RUNNING" && step.attempt === attempt ? outcome(run) : [];
  });
}

/** StepFailed, with a retry time while the node's policy allows another attempt. */
function failure(deps: ProcessorDeps, run: Run, node: WorkflowNode, attempt: number, error: StepError): NewEvent {
  const policy = retryPolicyOf(node);
  const used = attempt - (run.steps.find((step) => step.nodeId === node.id)?.attemptsBefore ?? 0);
  const retry = error.retryable && used < policy.maxAttempts;
  const retryAt = retry ? new Date(deps.now().getTime() + backoffMs(policy, used + 1, deps.random())).toISOString() : null;
  return runEvent("StepFailed", { nodeId: node.id, attempt, error, retryAt });
}
