import type { RecordedEvent } from "../domain/event-store";
import type { Run } from "../domain/run/run";
import { evolveRun } from "../domain/run/run-state";
import { runIdOfStream } from "../domain/run/run";
import type { InlineProjection } from "./inline-projection";
import type { Prisma, TransactionClient } from "./prisma-client";
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

const json = (value: unknown) => (value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue));

/**
 * Keeps `workflow_runs` equal to the fold of each `run-<id>` stream, writes the outbox rows
 * of the appended events, and keeps the executor's task for the run: all in the append's
 * transaction, so a run never exists without its task or its published updates.
 */
export const runProjection: InlineProjection = {
  handles: (streamId) => runIdOfStream(streamId) !== undefined,

  async apply(tx: TransactionClient, tenantId: string, streamId: string, events: readonly RecordedEvent[]) {
    let state: Run | null = events[0]!.version === 1 ? null : await currentRun(tx, tenantId, streamId);
    const states: Run[] = [];
    for (const event of events) states.push((state = evolveRun(state, event)));
    await writeRunRow(tx, tenantId, state!);
    await writeRunOutbox(tx, tenantId, events, states);
    const id = state!.id;
    if (events.every((event) => event.metadata?.by === EXECUTOR_METADATA.by)) return;
    const at = events.at(-1)!.recordedAt;
    await tx.$executeRaw`
      INSERT INTO run_tasks (tenant_id, run_id, due_at, nudges) VALUES (${tenantId}, ${id}, ${at}, 1)
      ON CONFLICT (tenant_id, run_id) DO UPDATE SET due_at = LEAST(run_tasks.due_at, EXCLUDED.due_at), nudges = run_tasks.nudges + 1`;
  },
};

/**
 * The run as its row has it, with the definition the fold needs, which only the stream has
 * (in RunStarted): both in one round trip.
 */
async function currentRun(tx: TransactionClient, tenantId: string, streamId: string): Promise<Run> {
  const [row] = await tx.$queryRaw<Array<RunRow & { definition: Run["definition"] }>>`
    SELECT r.tenant_id AS "tenantId", r.id, r.workflow_id AS "workflowId", r.workflow_version AS "workflowVersion", r.status::text AS status,
           r.input, r.output, r.error, r.steps, r.idempotency_key AS "idempotencyKey", r.version, r.created_at AS "createdAt",
           r.updated_at AS "updatedAt", r.finished_at AS "finishedAt", e.data -> 'definition' AS definition
    FROM workflow_runs r
    JOIN events e ON e.tenant_id = r.tenant_id AND e.stream_id = ${streamId}::text AND e.stream_version = 1
    WHERE r.tenant_id = ${tenantId}::text AND r.id = ${runIdOfStream(streamId)!}::text`;
  if (!row) throw new Error(`Run stream ${streamId} has events but no read-model row`);
  return { ...runFromRow(row), definition: row.definition };
}

/** Upserts one run's read-model row (the projection and the rebuild share it). */
export async function writeRunRow(tx: TransactionClient, tenantId: string, run: Run): Promise<void> {
  const { definition: _definition, id, idempotencyKey, createdAt, ...fields } = run;
  const row = { ...fields, input: json(run.input) ?? {}, output: json(run.output), error: json(run.error), steps: run.steps as unknown as Prisma.InputJsonValue };
  await tx.workflowRun.upsert({
    where: { tenantId_id: { tenantId, id } },
    create: { tenantId, id, idempotencyKey, createdAt, ...row },
    update: row,
    select: { version: true }, // nothing to read back: not the steps JSON again
  });
}
