import { randomUUID } from "node:crypto";
import type { Logger } from "@aiwf/platform";
import type { ClaimedTask, RunTaskQueue } from "../domain/run/run-ports";
import { processRun, type ProcessorDeps } from "./run-processor";

export interface WorkerOptions {
  /** How long a claim holds; renewed every third of it while the run is worked on. */
  leaseMs?: number;
  /** How often to look for due tasks when not nudged. */
  pollMs?: number;
  /** Runs advanced at once by this instance (default 8: below the database pool, so lease renewals find a connection). */
  concurrency?: number;
  /** Runs of one tenant executing at once across all instances; the rest stay QUEUED (default: no limit). */
  maxRunningPerTenant?: number;
}

/**
 * One executor instance: claims due runs from the durable queue under a lease, advances
 * each, and parks it until its next timer. Several instances share one database; a dead
 * one's leases expire and the others take its runs.
 */
export class RunWorker {
  readonly owner = `worker-${randomUUID()}`;
  private readonly active = new Map<string, { task: ClaimedTask; stop: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private renewer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = true;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: ProcessorDeps & { tasks: RunTaskQueue; logger: Logger },
    private readonly options: WorkerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  start(): void {
    this.stopped = false;
    this.renewer = setInterval(() => void this.renew(), Math.max(50, this.leaseMs / 3));
    this.nudge();
  }

  /** Look for due work now (after a start, signal or cancel in this process). */
  nudge(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.polling ??= this.poll()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, "claiming run tasks failed"))
      .finally(() => {
        this.polling = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.nudge(), this.options.pollMs ?? 250);
      });
  }

  /** Aborts this instance's cancelled run at once; other instances notice at their next renewal. */
  abortRun(tenantId: string, runId: string): void {
    this.active.get(`${tenantId}/${runId}`)?.stop.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.renewer);
    await this.polling;
    for (const { stop } of this.active.values()) stop.abort();
    await Promise.allSettled([...this.active.values()].map((entry) => entry.done));
  }

  private async poll(): Promise<void> {
    const free = (this.options.concurrency ?? 8) - this.active.size;
    if (free <= 0) return;
    const claimed = await this.deps.tasks.claim(this.owner, this.deps.now(), this.leaseMs, free, this.options.maxRunningPerTenant);
    for (const task of claimed) this.work(task);
    if (claimed.length === free) setImmediate(() => this.nudge()); // maybe more is due
  }

  private work(task: ClaimedTask): void {
    const key = `${task.tenantId}/${task.runId}`;
    const stop = new AbortController();
    const done = processRun(this.deps, task.tenantId, task.runId, stop.signal)
      .then(async (outcome) => {
        if (stop.signal.aborted && !outcome.finished) {
          // Cancelled here or lease lost: whoever holds the task now (or the next claim) looks again.
          await this.deps.tasks.settle(this.owner, task, { dueAt: this.deps.now(), finished: false, now: this.deps.now() });
          return;
        }
        await this.deps.tasks.settle(this.owner, task, { dueAt: outcome.wakeAt, finished: outcome.finished, now: this.deps.now() });
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, runId: task.runId }, "advancing a run failed; it is retried when its lease expires"))
      .finally(() => {
        this.active.delete(key);
        this.nudge();
      });
    this.active.set(key, { task, stop, done });
  }

  private async renew(): Promise<void> {
    const entries = [...this.active.values()];
    if (entries.length === 0) return;
    try {
      const lost = await this.deps.tasks.renew(this.owner, entries.map((entry) => entry.task), new Date(this.deps.now().getTime() + this.leaseMs));
      for (const task of lost) this.active.get(`${task.tenantId}/${task.runId}`)?.stop.abort();
    } catch (error) {
      this.deps.logger.warn({ err: error }, "renewing leases failed");
    }
  }
}
