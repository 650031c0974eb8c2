import type { SqlTransaction } from "@aiwf/platform/postgres";
import type { RecordedEvent } from "../domain/event-store";
import { foldWorkflow, workflowIdOfStream, type Workflow } from "../domain/workflow";
import type { InlineProjection } from "./inline-projection";
import type { Prisma } from "./prisma-client";

type WorkflowRow = Omit<Workflow, "definition"> & { tenantId: string; definition: Prisma.JsonValue };

export function workflowFromRow({ tenantId: _tenantId, definition, ...workflow }: WorkflowRow): Workflow {
  return { ...workflow, definition: definition as unknown as Workflow["definition"] };
}

const CURRENT_WORKFLOW = {
  name: "aiwf_current_workflow",
  text: `SELECT to_jsonb(w)::text FROM workflows w WHERE w.tenant_id = $1::text AND w.id = $2::text`,
};

/** Keeps the `workflows` table equal to the fold of each `workflow-<id>` stream. */
export const workflowProjection: InlineProjection = {
  handles: (streamId) => workflowIdOfStream(streamId) !== undefined,

  async apply(tx: SqlTransaction, tenantId: string, streamId: string, events: readonly RecordedEvent[]) {
    const [row] = await tx.run(CURRENT_WORKFLOW, [tenantId, workflowIdOfStream(streamId)!]);
    const state = foldWorkflow(events, row ? workflowFromJson(JSON.parse(row[0]!)) : null);
    if (state) await writeWorkflowRow(tx, tenantId, state);
  },
};

/** `to_jsonb` of a `workflows` row: its column names, timestamps as ISO strings. */
function workflowFromJson(row: Record<string, unknown>): Workflow {
  return {
    id: row.id as string,
    name: row.name as string,
    description: row.description as string | null,
    status: row.status as Workflow["status"],
    version: row.version as number,
    definition: row.definition as Workflow["definition"],
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  };
}

const UPSERT_WORKFLOW = {
  name: "aiwf_upsert_workflow",
  text: `
    INSERT INTO workflows (tenant_id, id, name, description, status, version, definition, created_at, updated_at)
    VALUES ($1::text, $2::text, $3::text, $4::text, $5::workflow_status, $6::int, $7::jsonb, $8::timestamptz, $9::timestamptz)
    ON CONFLICT (tenant_id, id) DO UPDATE SET
      name = EXCLUDED.name, description = EXCLUDED.description, status = EXCLUDED.status, version = EXCLUDED.version,
      definition = EXCLUDED.definition, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
};

/** Upserts one workflow's read-model row (the projection and the rebuild share it). */
export async function writeWorkflowRow(tx: SqlTransaction, tenantId: string, state: Workflow): Promise<void> {
  await tx.run(UPSERT_WORKFLOW, [
    tenantId, state.id, state.name, state.description, state.status, state.version, JSON.stringify(state.definition), state.createdAt, state.updatedAt,
  ]);
}
