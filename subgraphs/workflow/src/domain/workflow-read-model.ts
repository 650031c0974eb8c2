import type { Workflow, WorkflowStatus } from "./workflow";

/** A position in the newest-first list: the last workflow of the previous page. */
export interface WorkflowListPosition {
  createdAt: Date;
  id: string;
}

export interface WorkflowListRequest {
  first: number;
  after?: WorkflowListPosition;
  status?: WorkflowStatus;
}

export interface WorkflowList {
  workflows: Workflow[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * The `workflows` projection: current state of every workflow, kept up to date in the same
 * transaction as each append, so it answers reads consistently with the log.
 */
export interface WorkflowReadModel {
  /** The tenant's workflows among `ids`, in any order; unknown ids are left out. */
  findByIds(tenantId: string, ids: readonly string[]): Promise<Workflow[]>;
  /** Newest first (createdAt, then id, descending), so a position stays valid as workflows are added. */
  list(tenantId: string, request: WorkflowListRequest): Promise<WorkflowList>;
}
