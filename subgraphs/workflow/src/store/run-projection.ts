import type { SqlTransaction } from "@aiwf/platform/postgres";
import type { RecordedEvent } from "../domain/event-store";
import type { Run } from "../domain/run/run";
import { evolveRun } from "../domain/run/run-state";
import { runIdOfStream } from "../domain/run/run";
import type { InlineProjection } from "./inline-projection";
import type { Prisma } from "./prisma-client";
import { writeRunOutbox } from "./run-outbox";

/** Appends the executor makes carry this; any other append (signal, cancel, retry, start) nudges the run's task. */
export const EXECUTOR_METADATA = { by: "executor" } as const;

type RunRow = Prisma.WorkflowRunGetPayload<object>;

export function runFromRow(row: RunRow): Run {
  const steps = (row.steps as unknown as Array<Record<string, unknown>>).map((step) => ({
    ...step,
    startedAt: step.startedAt ? new Date(step.startedAt as string) : null,
    finishedAt: step.finishedAt ? new Date(step.finishedAt as string) : null,
    dueAt: step.dueAt ? new Date(step.dueAt as string) : null,
  }));
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowVersion: row.workflowVersion,
    // The read model keeps no definition (the stream's RunStarted has it); folds over a row start from there.
    definition: { nodes: [], edges: [] },
    status: row.status,
    input: row.input,
    output: row.output,
    error: row.error as Run["error"],
    idempotencyKey: row.idempotencyKey,
    steps: steps as unknown as Run["steps"],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * Keeps `workflow_runs` equal to the fold of each `run-<id>` stream, writes the outbox rows
 * of the appended events, and keeps the executor's task for the run: all in the append's
 * transaction, so a run never exists without its task or its published updates.
 */
export const runProjection: InlineProjection = {
  handles: (streamId) => runIdOfStream(streamId) !== undefined,

  async apply(tx: SqlTransaction, tenantId: string, streamId: string, events: readonly RecordedEvent[]) {
    let state: Run | null = events[0]!.version === 1 ? null : await currentRun(tx, tenantId, streamId);
    const states: Run[] = [];
    for (const event of events) states.push((state = evolveRun(state, event)));
    await writeRunRow(tx, tenantId, state!);
    await writeRunOutbox(tx, tenantId, events, states);
    if (events.every((event) => event.metadata?.by === EXECUTOR_METADATA.by)) return;
    await tx.run(NUDGE_TASK, [tenantId, state!.id, events.at(-1)!.recordedAt]);
  },
};

/** Due now (or sooner than planned), and counted as a nudge: see `run_tasks.nudges`. */
const NUDGE_TASK = {
  name: "aiwf_nudge_run_task",
  text: `
    INSERT INTO run_tasks (tenant_id, run_id, due_at, nudges) VALUES ($1::text, $2::text, $3::timestamptz, 1)
    ON CONFLICT (tenant_id, run_id) DO UPDATE SET due_at = LEAST(run_tasks.due_at, EXCLUDED.due_at), nudges = run_tasks.nudges + 1`,
};

/**
 * The run's row as JSON, with the node types of the definition it started with, which only
 * the stream has (in RunStarted) and the fold needs to name a step's type: one round trip.
 */
const CURRENT_RUN = {
  name: "aiwf_current_run",
  text: `
    SELECT to_jsonb(r)::text, (e.data #> '{definition,nodes}')::text
    FROM workflow_runs r
    JOIN events e ON e.tenant_id = r.tenant_id AND e.stream_id = $2::text AND e.stream_version = 1
    WHERE r.tenant_id = $1::text AND r.id = $3::text`,
};

async function currentRun(tx: SqlTransaction, tenantId: string, streamId: string): Promise<Run> {
  const [row] = await tx.run(CURRENT_RUN, [tenantId, streamId, runIdOfStream(streamId)!]);
  if (!row) throw new Error(`Run stream ${streamId} has events but no read-model row`);
  const [run, nodes] = row as [string, string | null];
  return { ...runFromRow(runRowFromJson(JSON.parse(run))), definition: { nodes: nodes ? JSON.parse(nodes) : [], edges: [] } };
}

/** `to_jsonb` of a `workflow_runs` row: its column names, timestamps as ISO strings. */
function runRowFromJson(row: Record<string, unknown>): RunRow {
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    tenantId: row.tenant_id as string,
    id: row.id as string,
    workflowId: row.workflow_id as string,
    workflowVersion: row.workflow_version as number,
    status: row.status as RunRow["status"],
    input: row.input as Prisma.JsonValue,
    output: row.output as Prisma.JsonValue,
    error: row.error as Prisma.JsonValue,
    steps: row.steps as Prisma.JsonValue,
    idempotencyKey: row.idempotency_key as string | null,
    version: row.version as number,
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
    finishedAt: date(row.finished_at),
  };
}

const UPSERT_RUN = {
  name: "aiwf_upsert_run",
  text: `
    INSERT INTO workflow_runs (tenant_id, id, workflow_id, workflow_version, status, input, output, error, steps, idempotency_key, version, created_at, updated_at, finished_at)
    VALUES ($1::text, $2::text, $3::text, $4::int, $5::run_status, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10::text, $11::int, $12::timestamptz, $13::timestamptz, $14::timestamptz)
    ON CONFLICT (tenant_id, id) DO UPDATE SET
      status = EXCLUDED.status, input = EXCLUDED.input, output = EXCLUDED.output, error = EXCLUDED.error, steps = EXCLUDED.steps,
      version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at`,
};

/** JSON for a nullable jsonb column: SQL NULL for "none", so a retried run's cleared error is cleared in the row too. */
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Upserts one run's read-model row (the projection and the rebuild share it). */
export async function writeRunRow(tx: SqlTransaction, tenantId: string, run: Run): Promise<void> {
  await tx.run(UPSERT_RUN, [
    tenantId, run.id, run.workflowId, run.workflowVersion, run.status, JSON.stringify(run.input ?? {}), jsonOrNull(run.output), jsonOrNull(run.error),
    JSON.stringify(run.steps), run.idempotencyKey, run.version, run.createdAt, run.updatedAt, run.finishedAt,
  ]);
}
