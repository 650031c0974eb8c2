import { transactionsOn, type OpenedDatabase } from "@aiwf/platform/postgres";
import type { RecordedEvent } from "../domain/event-store";
import { runIdOfStream, type Run } from "../domain/run/run";
import { foldRun } from "../domain/run/run-state";
import { foldWorkflow, workflowIdOfStream } from "../domain/workflow";
import type { PrismaClient } from "./prisma-client";
import { writeRunRow } from "./run-projection";
import { writeWorkflowRow } from "./workflow-projection";

/**
 * Rebuilds a tenant's read models (`workflows`, `workflow_runs`) from its events alone, in
 * one transaction: readers see the old rows or the new ones. The outbox and the executor's
 * tasks are not touched: replaying history publishes nothing and runs nothing.
 */
export async function rebuildReadModels(
  prisma: PrismaClient,
  database: Pick<OpenedDatabase, "pool" | "pglite">,
  tenantId: string,
): Promise<{ workflows: number; runs: number }> {
  const rows = await prisma.event.findMany({ where: { tenantId }, orderBy: { position: "asc" } });
  const streams = new Map<string, RecordedEvent[]>();
  for (const row of rows) {
    const event: RecordedEvent = {
      id: row.id,
      position: row.position,
      streamId: row.streamId,
      version: row.streamVersion,
      type: row.type,
      data: row.data as Record<string, unknown>,
      metadata: row.metadata as Record<string, unknown>,
      recordedAt: row.recordedAt,
    };
    streams.set(row.streamId, [...(streams.get(row.streamId) ?? []), event]);
  }
  return transactionsOn(database)(async (tx) => {
    await tx.run(DELETE_WORKFLOWS, [tenantId]);
    await tx.run(DELETE_RUNS, [tenantId]);
    let workflows = 0;
    let runs = 0;
    for (const [streamId, events] of streams) {
      events.sort((a, b) => a.version - b.version);
      if (workflowIdOfStream(streamId) !== undefined) {
        const workflow = foldWorkflow(events);
        if (workflow) (await writeWorkflowRow(tx, tenantId, workflow), workflows++);
      } else if (runIdOfStream(streamId) !== undefined) {
        const run: Run | null = foldRun(events);
        if (run) (await writeRunRow(tx, tenantId, run), runs++);
      }
    }
    return { workflows, runs };
  });
}

const DELETE_WORKFLOWS = { name: "aiwf_rebuild_delete_workflows", text: "DELETE FROM workflows WHERE tenant_id = $1::text" };
const DELETE_RUNS = { name: "aiwf_rebuild_delete_runs", text: "DELETE FROM workflow_runs WHERE tenant_id = $1::text" };
