import type { BaseContext } from "@aiwf/platform";
import DataLoader from "dataloader";
import type { Workflow } from "../domain/workflow";
import type { WorkflowService } from "../domain/workflow.service";

/** Bounds the size of one batched query. */
const MAX_BATCH = 100;

/**
 * Per-request batching: `workflow(id)` lookups and the gateway's `_entities` for many
 * workflows become one tenant-scoped query. Created per request, so nothing cached crosses
 * requests or tenants.
 */
export function createWorkflowLoaders(workflows: WorkflowService, tenantId: string) {
  return {
    workflowById: new DataLoader<string, Workflow | null>((ids) => workflows.findByIds(tenantId, ids), { maxBatchSize: MAX_BATCH }),
  };
}

export type WorkflowLoaders = ReturnType<typeof createWorkflowLoaders>;

export interface WorkflowContext extends BaseContext {
  loaders: WorkflowLoaders;
}
