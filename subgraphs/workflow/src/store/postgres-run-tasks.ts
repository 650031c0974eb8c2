import { statementsOn, transactionsOn, type OpenedDatabase, type RunStatement, type Transact } from "@aiwf/platform/postgres";
import type { ClaimedTask, RunTaskQueue } from "../domain/run/run-ports";

/** A run waiting only for a signal is parked this far ahead; a nudge brings it back to now. */
const PARKED_MS = 365 * 86_400_000;

/** Larger than any tenant's runs: no limit. */
const UNLIMITED = 2 ** 31 - 1;

/** One lock for every claimer of the database (see `claim`). */
const TAKE_CLAIM_LOCK = { name: "aiwf_run_tasks_claim_lock", text: "SELECT pg_advisory_xact_lock(hashtext('workflow.run_tasks.claim'))" };

/*
 * A due task that holds a slot (its run was admitted, then nudged or orphaned) is taken as it
 * is; the others take the free slots of their tenant in arrival order.
 * Parameters: now, max running per tenant, limit, owner, lease until.
 */
const CLAIM = {
  name: "aiwf_run_tasks_claim",
  text: `
    WITH occupied AS (
      SELECT tenant_id, count(*)::int AS slots FROM run_tasks WHERE running GROUP BY tenant_id
    ), due AS (
      SELECT tenant_id, run_id, running, due_at, seq,
        row_number() OVER (PARTITION BY tenant_id, running ORDER BY due_at, seq) AS place
      FROM run_tasks
      WHERE due_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until < $1::timestamptz)
    ), admitted AS (
      SELECT due.tenant_id, due.run_id FROM due LEFT JOIN occupied USING (tenant_id)
      WHERE due.running OR due.place <= $2::int - COALESCE(occupied.slots, 0)
      ORDER BY due.due_at, due.seq LIMIT $3::int)
    UPDATE run_tasks SET lease_owner = $4::text, lease_until = $5::timestamptz, running = true
    FROM admitted
    WHERE run_tasks.tenant_id = admitted.tenant_id AND run_tasks.run_id = admitted.run_id
      AND (run_tasks.lease_until IS NULL OR run_tasks.lease_until < $1::timestamptz)
    RETURNING run_tasks.tenant_id, run_tasks.run_id, run_tasks.nudges`,
};

const RENEW = {
  name: "aiwf_run_tasks_renew",
  text: "UPDATE run_tasks SET lease_until = $2::timestamptz WHERE lease_owner = $1::text RETURNING tenant_id, run_id",
};

const FINISH = {
  name: "aiwf_run_tasks_finish",
  text: "DELETE FROM run_tasks WHERE tenant_id = $1::text AND run_id = $2::text AND lease_owner = $3::text",
};

/** Parameters: tenant, run, owner, due at, running, the nudge count the claim saw. */
const PARK = {
  name: "aiwf_run_tasks_park",
  text: `
    UPDATE run_tasks SET due_at = $4::timestamptz, lease_owner = NULL, lease_until = NULL, running = $5::boolean
    WHERE tenant_id = $1::text AND run_id = $2::text AND lease_owner = $3::text AND nudges = $6::int
    RETURNING run_id`,
};

/** Nudged while we worked: due now, keeping its slot. Parameters: tenant, run, owner, now. */
const RELEASE_NUDGED = {
  name: "aiwf_run_tasks_release_nudged",
  text: `
    UPDATE run_tasks SET due_at = $4::timestamptz, lease_owner = NULL, lease_until = NULL
    WHERE tenant_id = $1::text AND run_id = $2::text AND lease_owner = $3::text`,
};

/**
 * `run_tasks` with leases and per-tenant running slots, as prepared statements on the driver:
 * the executor claims and settles every run it advances, so these sit on its hot path.
 *
 * A run holds one of its tenant's slots (`running`) from the claim that admits it until it
 * finishes or parks for later: runs waiting for a signal, a delay's end or a retry's backoff
 * give their slot back and queue for one again when they wake. Like Temporal's and Hatchet's
 * concurrency limits, only work being executed counts: a tenant with many runs parked on
 * human approval (waitForSignal) is not blocked from starting others. A run whose instance
 * died keeps its slot until another instance takes it over after the lease expires.
 */
export class PostgresRunTaskQueue implements RunTaskQueue {
  private readonly run: RunStatement;
  private readonly transact: Transact;

  constructor(database: Pick<OpenedDatabase, "pool" | "pglite">) {
    this.run = statementsOn(database);
    this.transact = transactionsOn(database);
  }

  /**
   * Claims run under one transaction-scoped advisory lock, so two instances never both see
   * the last free slot of a tenant (`FOR UPDATE SKIP LOCKED` cannot count slots). The
   * statement inside is short; a claim that waits for the lock sees the other's admissions.
   */
  async claim(owner: string, now: Date, leaseMs: number, limit: number, maxRunningPerTenant = UNLIMITED): Promise<ClaimedTask[]> {
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.transact(async (tx) => {
      await tx.run(TAKE_CLAIM_LOCK, []);
      return tx.run(CLAIM, [now, Math.min(maxRunningPerTenant, UNLIMITED), limit, owner, until]);
    });
    return rows.map(([tenantId, runId, nudges]) => ({ tenantId: tenantId!, runId: runId!, nudges: Number(nudges) }));
  }

  /** One statement for all of this owner's leases: renewal must not queue behind the runs' own work. */
  async renew(owner: string, tasks: readonly ClaimedTask[], until: Date): Promise<ClaimedTask[]> {
    const held = await this.run(RENEW, [owner, until]);
    const still = new Set(held.map(([tenantId, runId]) => `${tenantId}/${runId}`));
    return tasks.filter((task) => !still.has(`${task.tenantId}/${task.runId}`));
  }

  async settle(owner: string, task: ClaimedTask, next: { dueAt: Date | null; finished: boolean; now: Date }): Promise<void> {
    const mine = [task.tenantId, task.runId, owner];
    if (next.finished) {
      await this.run(FINISH, mine);
      return;
    }
    const dueAt = next.dueAt ?? new Date(next.now.getTime() + PARKED_MS);
    // Due again at once: still executing, so it keeps its slot; parked for later: gives it back.
    const running = dueAt <= next.now;
    const parked = await this.run(PARK, [...mine, dueAt, String(running), task.nudges]);
    if (parked.length === 0) await this.run(RELEASE_NUDGED, [...mine, next.now]);
  }
}
