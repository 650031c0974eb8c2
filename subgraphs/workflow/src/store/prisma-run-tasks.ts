import type { ClaimedTask, RunTaskQueue } from "../domain/run/run-ports";
import type { PrismaClient } from "./prisma-client";

/** A run waiting only for a signal is parked this far ahead; a nudge brings it back to now. */
const PARKED_MS = 365 * 86_400_000;

/** `run_tasks` with leases: `FOR UPDATE SKIP LOCKED`, so instances claiming at once never take the same run. */
export class PrismaRunTaskQueue implements RunTaskQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedTask[]> {
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<Array<{ tenant_id: string; run_id: string; nudges: number }>>`
      UPDATE run_tasks SET lease_owner = ${owner}, lease_until = ${until}
      WHERE (tenant_id, run_id) IN (
        SELECT tenant_id, run_id FROM run_tasks
        WHERE due_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
        ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING tenant_id, run_id, nudges`;
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
    const parked = await this.prisma.runTask.updateMany({ where: { ...mine, nudges: task.nudges }, data: { dueAt, leaseOwner: null, leaseUntil: null } });
    if (parked.count === 0) {
      // Nudged while we worked (a signal, a cancel): look again now.
      await this.prisma.runTask.updateMany({ where: mine, data: { dueAt: next.now, leaseOwner: null, leaseUntil: null } });
    }
  }
}
