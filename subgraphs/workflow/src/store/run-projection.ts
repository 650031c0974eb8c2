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
    // The fold needs the definition, which only the stream has: read it from the stream itself.
    const first = events[0]!.version === 1 ? null : await tx.event.findFirst({ where: { tenantId, streamId, streamVersion: 1 } });
    let state: Run | null = null;
    if (first) {
      const row = await tx.workflowRun.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: runIdOfStream(streamId)! } } });
      state = { ...runFromRow(row), definition: (first.data as unknown as { definition: Run["definition"] }).definition };
    }
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

/** Upserts one run's read-model row (the projection and the rebuild share it). */
export async function writeRunRow(tx: TransactionClient, tenantId: string, run: Run): Promise<void> {
  const { definition: _definition, id, idempotencyKey, createdAt, ...fields } = run;
  const row = { ...fields, input: json(run.input) ?? {}, output: json(run.output), error: json(run.error), steps: run.steps as unknown as Prisma.InputJsonValue };
  await tx.workflowRun.upsert({
    where: { tenantId_id: { tenantId, id } },
    create: { tenantId, id, idempotencyKey, createdAt, ...row },
    update: row,
  });
}
