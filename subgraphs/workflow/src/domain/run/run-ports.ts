import type { Run, RunStatus } from "./run";

export interface RunListRequest {
  workflowId: string;
  first: number;
  after?: { createdAt: Date; id: string };
  status?: RunStatus;
}

/** The `workflow_runs` projection (kept in each append's transaction); definitions are not in it. */
export interface RunReadModel {
  findByIds(tenantId: string, ids: readonly string[]): Promise<Run[]>;
  /** A workflow's runs, newest first. */
  list(tenantId: string, request: RunListRequest): Promise<{ runs: Run[]; hasNextPage: boolean; totalCount: number }>;
}

/** A run the executor must advance, claimed under a lease. */
export interface ClaimedTask {
  tenantId: string;
  runId: string;
  /** The task's nudge count at the claim: settling fails if an outside append nudged it since. */
  nudges: number;
}

/**
 * The executor's durable work queue: one row per unfinished run with a due time (now, a
 * delay's end, a retry's backoff). Claims take a lease that expires, so the runs of a dead
 * instance are taken up by another.
 */
export interface RunTaskQueue {
  /**
   * Leases up to `limit` due tasks. A task whose run does not hold one of its tenant's
   * running slots is only taken while the tenant has fewer than `maxRunningPerTenant` runs
   * holding one (the oldest such task first), and then takes a slot.
   */
  claim(owner: string, now: Date, leaseMs: number, limit: number, maxRunningPerTenant?: number): Promise<ClaimedTask[]>;
  /** Extends the leases still held; returns the tasks whose lease was lost. */
  renew(owner: string, tasks: readonly ClaimedTask[], until: Date): Promise<ClaimedTask[]>;
  /**
   * Releases the lease and parks the task until `dueAt` (null: until a signal or retry nudges
   * it; finished runs are deleted). When the task was nudged since the claim it is made due
   * `now` instead, so no outside change waits. A run parked for later gives its slot back.
   */
  settle(owner: string, task: ClaimedTask, next: { dueAt: Date | null; finished: boolean; now: Date }): Promise<void>;
}
