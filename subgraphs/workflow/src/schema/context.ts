import type { BaseContext } from "@aiwf/platform";
import DataLoader from "dataloader";
import type { Run } from "../domain/run/run";
import type { RunService } from "../domain/run/run.service";
import type { Workflow } from "../domain/workflow";
import type { WorkflowService } from "../domain/workflow.service";

/** Bounds the size of one batched query. */
const MAX_BATCH = 100;

/**
 * Per-request batching: `workflow(id)` lookups and the gateway's `_entities` for many
 * workflows or runs become one tenant-scoped query each. Created per request, so nothing
 * cached crosses requests or tenants.
 */
export function createWorkflowLoaders(services: { workflows: WorkflowService; runs?: RunService }, tenantId: string) {
  return {
    workflowById: new DataLoader<string, Workflow | null>((ids) => services.workflows.findByIds(tenantId, ids), { maxBatchSize: MAX_BATCH }),
    runById: new DataLoader<string, Run | null>(
      (ids) => (services.runs ? services.runs.findByIds(tenantId, ids) : Promise.resolve(ids.map(() => null))),
      { maxBatchSize: MAX_BATCH },
    ),
  };
}

export type WorkflowLoaders = ReturnType<typeof createWorkflowLoaders>;

export interface WorkflowContext extends BaseContext {
  loaders: WorkflowLoaders;
}
