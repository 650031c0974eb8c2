import type { RecordedEvent } from "../domain/event-store";
import type { Run } from "../domain/run/run";
import type { TransactionClient } from "./prisma-client";

export const RUN_UPDATED_TOPIC = "workflow.run.updated";

/**
 * One `workflow.run.updated` per run event, in stream order, with the event's id as the
 * envelope id (consumers dedupe on it). `states[i]` is the run after `events[i]`.
 */
export async function writeRunOutbox(tx: TransactionClient, tenantId: string, events: readonly RecordedEvent[], states: readonly Run[]) {
  await tx.outboxMessage.createMany({
    data: events.map((event, index) => {
      const run = states[index]!;
      const nodeId = (event.data as { nodeId?: string }).nodeId;
      const step = nodeId ? run.steps.find((candidate) => candidate.nodeId === nodeId) : undefined;
      return {
        eventId: event.id,
        tenantId,
        topic: RUN_UPDATED_TOPIC,
        occurredAt: event.recordedAt,
        payload: {
          runId: run.id,
          workflowId: run.workflowId,
          status: run.status,
          ...(step ? { step: step.nodeId, stepStatus: step.status, attempt: step.attempt } : {}),
          eventType: event.type,
          sequence: event.version,
        },
      };
    }),
  });
}
