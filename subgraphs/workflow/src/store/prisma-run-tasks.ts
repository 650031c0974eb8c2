import type { ClaimedTask, RunTaskQueue } from "../domain/run/run-ports";
import type { PrismaClient } from "./prisma-client";

/** A run waiting only for a signal is parked this far ahead; a nudge brings it back to now. */
const PARKED_MS = 365 * 86_400_000;

/** A busy pool (runs' appends, renewals) or another instance's claim may hold the claim up a while. */
const CLAIM_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/** Larger than any tenant's runs: no limit. */
const UNLIMITED = 2 ** 31 - 1;

/**
 * `run_tasks` with leases and per-tenant running slots.
 *
 * A run holds one of its tenant's slots (`running`) from the claim that admits it until it
 * finishes or parks for later: runs waiting for a signal, a delay's end or a retry's backoff
 * give their slot back and queue for one again when they wake. Like Temporal's and Hatchet's
 * concurrency limits, only work being executed counts: a tenant with many runs parked on
 * human approval (waitForSignal) is not blocked from starting others. A run whose instance
 * died keeps its slot until another instance takes it over after the lease expires.
 */
export class PrismaRunTaskQueue implements RunTaskQueue {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Claims run under one transaction-scoped advisory lock, so two instances never both see
   * the last free slot of a tenant (`FOR UPDATE SKIP LOCKED` cannot count slots). The
   * statement inside is short; a claim that waits for the lock sees the other's admissions.
   */
  async claim(owner: string, now: Date, leaseMs: number, limit: number, maxRunningPerTenant = UNLIMITED): Promise<ClaimedTask[]> {
    const until = new Date(now.getTime() + leaseMs);
    const max = Math.min(maxRunningPerTenant, UNLIMITED);
    const rows = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('workflow.run_tasks.claim'))`;
      // A due task that holds a slot (its run was admitted, then nudged or orphaned) is taken
      // as it is; the others take the free slots of their tenant in arrival order.
      return tx.$queryRaw<Array<{ tenant_id: string; run_id: string; nudges: number }>>`
        WITH occupied AS (
          SELECT tenant_id, count(*)::int AS slots FROM run_tasks WHERE running GROUP BY tenant_id
        ), due AS (
          SELECT tenant_id, run_id, running, due_at, seq,
            row_number() OVER (PARTITION BY tenant_id, running ORDER BY due_at, seq) AS place
          FROM run_tasks
          WHERE due_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
        ), admitted AS (
          SELECT due.tenant_id, due.run_id FROM due LEFT JOIN occupied USING (tenant_id)
          WHERE due.running OR due.place <= ${max}::int - COALESCE(occupied.slots, 0)
          ORDER BY due.due_at, due.seq LIMIT ${limit})
        UPDATE run_tasks SET lease_owner = ${owner}, lease_until = ${until}, running = true
        FROM admitted
        WHERE run_tasks.tenant_id = admitted.tenant_id AND run_tasks.run_id = admitted.run_id
          AND (run_tasks.lease_until IS NULL OR run_tasks.lease_until < ${now})
        RETURNING run_tasks.tenant_id, run_tasks.run_id, run_tasks.nudges`;
    }, CLAIM_TRANSACTION);
    return rows.map((row) => ({ tenantId: row.tenant_id, runId: row.run_id, nudges: Number(row.nudges) }));
  }

  /** One statement for all of this owner's leases: renewal must not queue behind the runs' own work. */
  async renew(owner: string, tasks: readonly ClaimedTask[], until: Date): Promise<ClaimedTask[]> {
    const held = await this.prisma.$queryRaw<Array<{ tenant_id: string; run_id: string }>>`
      UPDATE run_tasks SET lease_until = ${until} WHERE lease_owner = ${owner} RETURNING tenant_id, run_id`;
    const still = new Set(held.map((row) => `${row.tenant_id}/${row.run_id}`));
    return tasks.filter((task) => !still.has(`${task.tenantId}/${task.runId}`));
  }

  async settle(owner: string, task: ClaimedTask, next: { dueAt: Date | null; finished: boolean; now: Date }): Promise<void> {
    const mine = { tenantId: task.tenantId, runId: task.runId, leaseOwner: owner };
    if (next.finished) {
      await this.prisma.runTask.deleteMany({ where: mine });
      return;
    }
    const dueAt = next.dueAt ?? new Date(next.now.getTime() + PARKED_MS);
    // Due again at once: still executing, so it keeps its slot; parked for later: gives it back.
    const running = dueAt <= next.now;
    const parked = await this.prisma.runTask.updateMany({ where: { ...mine, nudges: task.nudges }, data: { dueAt, leaseOwner: null, leaseUntil: null, running } });
    if (parked.count === 0) {
      // Nudged while we worked (a signal, a cancel): look again now, keeping the slot.
      await this.prisma.runTask.updateMany({ where: mine, data: { dueAt: next.now, leaseOwner: null, leaseUntil: null } });
    }
  }
}
