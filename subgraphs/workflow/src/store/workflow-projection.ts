import type { RecordedEvent } from "../domain/event-store";
import { foldWorkflow, workflowIdOfStream, type Workflow } from "../domain/workflow";
import type { InlineProjection } from "./inline-projection";
import type { Prisma, TransactionClient } from "./prisma-client";

type WorkflowRow = Omit<Workflow, "definition"> & { tenantId: string; definition: Prisma.JsonValue };

export function workflowFromRow({ tenantId: _tenantId, definition, ...workflow }: WorkflowRow): Workflow {
  return { ...workflow, definition: definition as unknown as Workflow["definition"] };
}

/** Keeps the `workflows` table equal to the fold of each `workflow-<id>` stream. */
export const workflowProjection: InlineProjection = {
  handles: (streamId) => workflowIdOfStream(streamId) !== undefined,

  async apply(tx: TransactionClient, tenantId: string, streamId: string, events: readonly RecordedEvent[]) {
    const id = workflowIdOfStream(streamId)!;
    const row = await tx.workflow.findUnique({ where: { tenantId_id: { tenantId, id } } });
    const state = foldWorkflow(events, row ? workflowFromRow(row) : null);
    if (state) await writeWorkflowRow(tx, tenantId, state);
  },
};

/** Upserts one workflow's read-model row (the projection and the rebuild share it). */
export async function writeWorkflowRow(tx: TransactionClient, tenantId: string, state: Workflow): Promise<void> {
  const { id, definition, ...fields } = state;
  const json = definition as unknown as Prisma.InputJsonObject;
  await tx.workflow.upsert({
    where: { tenantId_id: { tenantId, id } },
    create: { tenantId, ...state, definition: json },
    update: { ...fields, definition: json },
  });
}
