import type { SqlTransaction } from "@aiwf/platform/postgres";
import type { RecordedEvent } from "../domain/event-store";
import type { Run } from "../domain/run/run";

export const RUN_UPDATED_TOPIC = "workflow.run.updated";

/** All of an append's messages in one statement, whatever their number, positioned in stream order. */
const INSERT_MESSAGES = {
  name: "aiwf_insert_run_outbox",
  text: `
    INSERT INTO outbox (event_id, tenant_id, topic, payload, occurred_at)
    SELECT m.event_id, $1::text, $2::text, m.payload, m.occurred_at
    FROM jsonb_to_recordset($3::jsonb) AS m(event_id uuid, payload jsonb, occurred_at timestamptz, sequence int)
    ORDER BY m.sequence`,
};

/**
 * One `workflow.run.updated` per run event, in stream order, with the event's id as the
 * envelope id (consumers dedupe on it). `states[i]` is the run after `events[i]`.
 */
export async function writeRunOutbox(tx: SqlTransaction, tenantId: string, events: readonly RecordedEvent[], states: readonly Run[]) {
  const messages = events.map((event, index) => {
    const run = states[index]!;
    const nodeId = (event.data as { nodeId?: string }).nodeId;
    const step = nodeId ? run.steps.find((candidate) => candidate.nodeId === nodeId) : undefined;
    return {
      event_id: event.id,
      occurred_at: event.recordedAt,
      sequence: event.version,
      payload: {
        runId: run.id,
        workflowId: run.workflowId,
        status: run.status,
        ...(step ? { step: step.nodeId, stepStatus: step.status, attempt: step.attempt } : {}),
        eventType: event.type,
        sequence: event.version,
      },
    };
  });
  await tx.run(INSERT_MESSAGES, [tenantId, RUN_UPDATED_TOPIC, JSON.stringify(messages)]);
}
