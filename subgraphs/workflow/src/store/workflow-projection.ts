import type { RecordedEvent } from "../domain/event-store";
import { foldWorkflow, workflowIdOfStream, type Workflow } from "../domain/workflow";
import type { InlineProjection } from "./inline-projection";
import type { TransactionClient } from "./prisma-client";

type WorkflowRow = Workflow & { tenantId: string };

export function workflowFromRow({ tenantId: _tenantId, ...workflow }: WorkflowRow): Workflow {
  return workflow;
}

/** Keeps the `workflows` table equal to the fold of each `workflow-<id>` stream. */
export const workflowProjection: InlineProjection = {
  handles: (streamId) => workflowIdOfStream(streamId) !== undefined,

  async apply(tx: TransactionClient, tenantId: string, streamId: string, events: readonly RecordedEvent[]) {
    const id = workflowIdOfStream(streamId)!;
    const row = await tx.workflow.findUnique({ where: { tenantId_id: { tenantId, id } } });
    const state = foldWorkflow(events, row ? workflowFromRow(row) : null);
    if (!state) return;
    const { id: _id, ...fields } = state;
    await tx.workflow.upsert({
      where: { tenantId_id: { tenantId, id } },
      create: { tenantId, ...state },
      update: fields,
    });
  },
};
